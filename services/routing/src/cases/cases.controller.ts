import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Principal, RequireScope, ServesRestrictedKeys, TenantGuard, TenantRequest, viewValues } from '@loops/auth';
import { validBody } from '../http/valid-body';
import { AcknowledgeCaseBody, AssignCaseBody, CaseListQuery, ReopenCaseBody, ResolveCaseBody } from './case.dto';
import { CaseService, CaseView } from './case.service';

/** A department's key sees the cases of its touchpoints and accounts only (cases carry no themes). */
const viewOf = (p: Principal): CaseView => ({ touchpoints: viewValues(p, 'touchpoints'), accounts: viewValues(p, 'accounts') });

@ApiTags('cases')
@ApiHeader({ name: 'Authorization', description: 'Bearer <API key>; every case is scoped to the key\'s tenant', required: true })
@ApiResponse({ status: 401, description: 'No API key, or one that is not valid or has been revoked' })
@ApiResponse({ status: 403, description: 'The API key lacks the scope (reads: reports:read or cases:write; actions: cases:write)' })
@ApiResponse({ status: 404, description: 'No such case for this tenant' })
@UseGuards(TenantGuard)
@ServesRestrictedKeys('touchpoints', 'accounts')
@Controller('v1/cases')
export class CasesController {
  constructor(private readonly cases: CaseService) {}

  @Get()
  @RequireScope('reports:read', 'cases:write')
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'acknowledged', 'resolved'] })
  @ApiQuery({ name: 'priority', required: false, enum: ['p1', 'p2', 'p3', 'p4'] })
  @ApiQuery({ name: 'ownerTeam', required: false })
  @ApiQuery({ name: 'assignee', required: false })
  @ApiQuery({ name: 'receiver', required: false })
  @ApiQuery({ name: 'customerId', required: false })
  @ApiQuery({ name: 'touchpoint', required: false })
  @ApiQuery({ name: 'accountId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  list(@Req() req: TenantRequest, @Query() query: Record<string, string>) {
    return this.cases.list(req.principal.tenantId, validBody(CaseListQuery, query), viewOf(req.principal));
  }

  @Get(':caseId')
  @RequireScope('reports:read', 'cases:write')
  async get(@Req() req: TenantRequest, @Param('caseId') caseId: string) {
    await this.cases.assertInView(req.principal.tenantId, caseId, viewOf(req.principal));
    return this.cases.get(req.principal.tenantId, caseId);
  }

  @Post(':caseId/acknowledge')
  @RequireScope('cases:write')
  @HttpCode(200)
  @ApiResponse({ status: 409, description: 'The case is not open' })
  @ApiBody({ type: AcknowledgeCaseBody, required: false })
  async acknowledge(@Req() req: TenantRequest, @Param('caseId') caseId: string, @Body() body: unknown) {
    await this.cases.assertInView(req.principal.tenantId, caseId, viewOf(req.principal));
    return this.cases.acknowledge(req.principal.tenantId, caseId, validBody(AcknowledgeCaseBody, body).by);
  }

  @Post(':caseId/assign')
  @RequireScope('cases:write')
  @HttpCode(200)
  @ApiBody({ type: AssignCaseBody })
  async assign(@Req() req: TenantRequest, @Param('caseId') caseId: string, @Body() body: unknown) {
    await this.cases.assertInView(req.principal.tenantId, caseId, viewOf(req.principal));
    return this.cases.assign(req.principal.tenantId, caseId, validBody(AssignCaseBody, body).assignee);
  }

  @Post(':caseId/resolve')
  @RequireScope('cases:write')
  @HttpCode(200)
  @ApiResponse({ status: 409, description: 'The case is already resolved' })
  @ApiBody({ type: ResolveCaseBody })
  async resolve(@Req() req: TenantRequest, @Param('caseId') caseId: string, @Body() body: unknown) {
    await this.cases.assertInView(req.principal.tenantId, caseId, viewOf(req.principal));
    const { rootCauseCode, note } = validBody(ResolveCaseBody, body);
    return this.cases.resolve(req.principal.tenantId, caseId, rootCauseCode, note);
  }

  @Post(':caseId/reopen')
  @RequireScope('cases:write')
  @HttpCode(200)
  @ApiResponse({ status: 409, description: 'The case is not resolved, or the customer has another open case' })
  @ApiBody({ type: ReopenCaseBody, required: false })
  async reopen(@Req() req: TenantRequest, @Param('caseId') caseId: string, @Body() body: unknown) {
    await this.cases.assertInView(req.principal.tenantId, caseId, viewOf(req.principal));
    return this.cases.reopen(req.principal.tenantId, caseId, validBody(ReopenCaseBody, body).note);
  }
}
