import { Controller, Get, HttpException } from '@nestjs/common';
import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiKeyRepository, Principal } from './api-key.repository';
import { RequireScope } from './require-scope.decorator';
import { ServesRestrictedKeys } from './restricted-view.decorator';
import { TenantGuard } from './tenant.guard';

@Controller('x')
class Endpoints {
  @Get('tenant-wide')
  @RequireScope('reports:read')
  tenantWide() {
    return 'tenant';
  }

  @Get('by-touchpoint')
  @RequireScope('reports:read')
  @ServesRestrictedKeys('touchpoints')
  byTouchpoint() {
    return 'touchpoint';
  }
}

const principal = (restriction: Principal['restriction']): Principal => ({ keyId: 'k', tenantId: 't', integrationId: 'i', scopes: ['reports:read'], itemsPerSecond: null, restriction });

async function call(handler: keyof Endpoints, who: Principal): Promise<number> {
  const keys = { findByKey: async () => who } as unknown as ApiKeyRepository;
  const guard = new TenantGuard(keys, new Reflector());
  const req = { headers: { authorization: 'Bearer lk_aaaaaaaaaaaaaaaaaaaaaaaa' } } as Record<string, unknown>;
  const res = { locals: {} };
  const context = {
    getHandler: () => Endpoints.prototype[handler],
    getClass: () => Endpoints,
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
  try {
    await guard.canActivate(context);
    return 200;
  } catch (error) {
    return (error as HttpException).getStatus();
  }
}

// The guard is the fail-closed part: an endpoint that does not declare how it narrows never serves a department key.
describe('TenantGuard and department keys', () => {
  it('lets whole-tenant keys call every endpoint', async () => {
    expect(await call('tenantWide', principal(null))).toBe(200);
    expect(await call('byTouchpoint', principal(null))).toBe(200);
  });

  it('refuses a department key on an endpoint that cannot narrow by its view', async () => {
    expect(await call('tenantWide', principal({ touchpoints: ['checkout'] }))).toBe(403);
    expect(await call('byTouchpoint', principal({ touchpoints: ['checkout'] }))).toBe(200);
    // Restricted on a dimension the endpoint does not narrow by: refused too.
    expect(await call('byTouchpoint', principal({ touchpoints: ['checkout'], accounts: ['acme'] }))).toBe(403);
  });
});
