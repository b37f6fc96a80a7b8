import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { describeRestriction, RequireScope, ServesRestrictedKeys, TenantGuard, TenantRequest } from '@loops/auth';

/**
 * Who the caller is: tenant, scopes and view. The dashboard asks this first to choose the views it shows
 * (a touchpoint owner's, an account manager's, or the whole tenant's). It reveals nothing beyond the key.
 */
@ApiTags('views')
@UseGuards(TenantGuard)
@ServesRestrictedKeys('touchpoints', 'themes', 'accounts')
@Controller('v1/me')
export class MeController {
  @Get()
  @RequireScope('ingest', 'reports:read', 'cases:write', 'admin')
  @ApiOkResponse({ description: 'The API key\'s tenant, integration, scopes and view (restriction)' })
  me(@Req() req: TenantRequest) {
    const { tenantId, integrationId, scopes, restriction } = req.principal;
    return {
      tenantId,
      integrationId,
      scopes,
      view: restriction ? { ...restriction, description: describeRestriction(restriction) } : { description: 'the whole tenant' },
    };
  }
}
