import { Body, Controller, Delete, Get, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { validBody } from '../http/valid-body';
import { CreateSilenceBody } from './silence.dto';
import { SilenceService } from './silence.service';

@ApiTags('silences')
@UseGuards(TenantGuard)
@Controller('v1/silences')
export class SilencesController {
  constructor(private readonly silences: SilenceService) {}

  @Post()
  @RequireScope('admin')
  @ApiBody({ type: CreateSilenceBody })
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 400, description: '`problems` lists every invalid matcher with its path' })
  create(@Req() req: TenantRequest, @Body() body: unknown) {
    return this.silences.create(req.principal.tenantId, validBody(CreateSilenceBody, body));
  }

  @Get()
  @RequireScope('admin')
  @ApiQuery({ name: 'state', required: false, enum: ['all'], description: 'include expired silences' })
  list(@Req() req: TenantRequest, @Query('state') state?: string) {
    return this.silences.list(req.principal.tenantId, state === 'all');
  }

  @Delete(':silenceId')
  @RequireScope('admin')
  expire(@Req() req: TenantRequest, @Param('silenceId') silenceId: string) {
    return this.silences.expire(req.principal.tenantId, silenceId);
  }
}
