import { Body, Controller, Delete, Get, HttpCode, Put, Req, UseGuards, ValidationPipe } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { RetentionBody } from './retention.dto';
import { RetentionSettings } from './retention.service';

/** The key's tenant's retention: how long its items are kept before the store maintenance task purges them. */
@ApiTags('admin')
@ApiHeader({ name: 'Authorization', description: 'Bearer <API key> with the admin scope; applies to that key\'s tenant only', required: true })
@UseGuards(TenantGuard)
@Controller('v1/admin/retention')
export class RetentionController {
  constructor(private readonly settings: RetentionSettings) {}

  @Get()
  @RequireScope('admin')
  @ApiOkResponse({ description: '{ tenantId, retentionDays (null: kept), updatedAt }' })
  get(@Req() req: TenantRequest) {
    return this.settings.get(req.principal.tenantId);
  }

  @Put()
  @RequireScope('admin')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Stored; applied by the next store maintenance pass (STORE_MAINTENANCE_MS)' })
  set(@Req() req: TenantRequest, @Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })) body: RetentionBody) {
    return this.settings.set(req.principal.tenantId, body.retentionDays, req.principal.integrationId);
  }

  @Delete()
  @RequireScope('admin')
  @ApiOkResponse({ description: 'Removes the setting: the tenant\'s rows are kept' })
  clear(@Req() req: TenantRequest) {
    return this.settings.clear(req.principal.tenantId);
  }
}
