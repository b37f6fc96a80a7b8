import { Controller, Get, Param, Query, Req, Res, UseGuards, ValidationPipe } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireScope, ServesRestrictedKeys, TenantGuard, TenantRequest, viewValues } from '@loops/auth';
import { toCsv } from '../reports/csv';
import { AccountsQuery } from './accounts-query.dto';
import { AccountsService } from './accounts.service';

const query = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/**
 * The account manager's view (B2B): accounts ranked by revenue at risk, each with its recent feedback and
 * open cases. A key restricted to accounts sees only those; touchpoint- and theme-restricted keys are
 * refused (an account's figures span every touchpoint and theme).
 */
@ApiTags('accounts')
@ApiHeader({ name: 'Authorization', description: 'Bearer <API key>; an account manager\'s key (--accounts) sees only its accounts', required: true })
@UseGuards(TenantGuard)
@ServesRestrictedKeys('accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @RequireScope('reports:read')
  @ApiOkResponse({ description: 'Accounts ranked by revenue at risk: value, churn probability, NPS, negative share, top themes, open cases' })
  async list(@Req() req: TenantRequest, @Res({ passthrough: true }) res: Response, @Query(query) q: AccountsQuery) {
    const all = await this.accounts.ranked(req.principal.tenantId, viewValues(req.principal, 'accounts'), q);
    const items = all.slice(q.offset, q.offset + q.limit);
    if (q.format === 'csv' || (q.format === undefined && (req.headers.accept ?? '').startsWith('text/csv'))) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="accounts.csv"');
      return toCsv(items.map((a) => ({ ...a, topThemes: a.topThemes.join(' ') })));
    }
    return { items, page: { limit: q.limit, offset: q.offset, returned: items.length, total: all.length } };
  }

  @Get(':accountId')
  @RequireScope('reports:read')
  @ApiOkResponse({ description: "One account: its risk line, open cases, and recent feedback (redacted complaint text where stored)" })
  async one(@Req() req: TenantRequest, @Param('accountId') accountId: string, @Query(query) q: AccountsQuery) {
    return this.accounts.account(req.principal.tenantId, viewValues(req.principal, 'accounts'), accountId, q);
  }
}
