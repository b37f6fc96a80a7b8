import { BadGatewayException, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireScope, ServesRestrictedKeys, TenantGuard, TenantRequest } from '@loops/auth';

export const ROUTING_URL = Symbol('ROUTING_URL');

const CASE_ACTIONS = new Set(['acknowledge', 'assign', 'resolve', 'reopen']);

/**
 * The routing service's case API, reached through root-cause so the dashboard stays same-origin.
 *
 * Why a proxy and not CORS on routing: the page already talks to root-cause; one origin means one
 * Content-Security-Policy `connect-src 'self'`, no preflight per case action, and routing keeps no list of
 * browser origins to maintain. The analyst's key is forwarded unchanged, so routing still decides every
 * scope and tenant; root-cause checks the same key first (TenantGuard) so a wrong key gets the same 401 here.
 * Bodies and status codes are passed back as routing gave them (409 "not open", 400 naming the field, 404).
 * Department keys pass through as far as routing serves them (touchpoints, accounts): routing narrows the cases.
 */
@ApiTags('cases (via routing)')
@ServesRestrictedKeys('touchpoints', 'accounts')
@ApiHeader({ name: 'Authorization', description: 'Bearer <API key>; forwarded to the routing service', required: true })
@UseGuards(TenantGuard)
@Controller('v1/routing/cases')
export class RoutingCasesProxy {
  constructor(@Inject(ROUTING_URL) private readonly routingUrl: string) {}

  @Get()
  @RequireScope('reports:read', 'cases:write')
  list(@Req() req: TenantRequest, @Res() res: Response, @Query() query: Record<string, string>) {
    return this.forward(req, res, 'GET', `/v1/cases?${new URLSearchParams(query).toString()}`);
  }

  @Get(':caseId')
  @RequireScope('reports:read', 'cases:write')
  get(@Req() req: TenantRequest, @Res() res: Response, @Param('caseId') caseId: string) {
    return this.forward(req, res, 'GET', `/v1/cases/${encodeURIComponent(caseId)}`);
  }

  @Post(':caseId/:action')
  @RequireScope('cases:write')
  @HttpCode(200)
  act(@Req() req: TenantRequest, @Res() res: Response, @Param('caseId') caseId: string, @Param('action') action: string, @Body() body: unknown) {
    if (!CASE_ACTIONS.has(action)) {
      res.status(404).json({ statusCode: 404, message: `no case action "${action}" (actions: ${[...CASE_ACTIONS].join(', ')})` });
      return;
    }
    return this.forward(req, res, 'POST', `/v1/cases/${encodeURIComponent(caseId)}/${action}`, body ?? {});
  }

  private async forward(req: TenantRequest, res: Response, method: 'GET' | 'POST', path: string, body?: unknown): Promise<void> {
    let answer: globalThis.Response;
    try {
      answer = await fetch(`${this.routingUrl}${path}`, {
        method,
        headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json', 'x-request-id': String(req.headers['x-request-id'] ?? '') },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10000),
      });
    } catch (error) {
      throw new BadGatewayException({ error: 'routing_unreachable', message: `the routing service at ${this.routingUrl} did not answer (${(error as Error).message}); cases cannot be read or changed until it does` });
    }
    res.status(answer.status);
    res.setHeader('content-type', answer.headers.get('content-type') ?? 'application/json');
    res.send(Buffer.from(await answer.arrayBuffer()));
  }
}
