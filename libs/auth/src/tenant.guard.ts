import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { markRejected } from '@loops/observability';
import { looksLikeApiKey } from './api-key';
import { ApiKeyRepository, Principal } from './api-key.repository';
import { invalidKey, missingKey, missingScope } from './auth-errors';
import { presentedKey } from './presented-key';
import { PUBLIC_ENDPOINT, REQUIRED_SCOPES } from './require-scope.decorator';
import { SERVES_RESTRICTED } from './restricted-view.decorator';
import { describeRestriction, isRestricted, RESTRICTION_DIMENSIONS, RestrictionDimension } from './view-restriction';
import { grants, Scope } from './scopes';

export interface TenantRequest extends Request {
  principal: Principal;
}

/**
 * Resolves the caller's API key to an active principal: 401 "an API key is required" without one,
 * 401 "not valid or has been revoked" for a key that does not resolve. The key is never echoed.
 */
export async function authenticate(keys: ApiKeyRepository, req: Request, res?: Response): Promise<Principal> {
  const key = presentedKey(req);
  if (!key) {
    if (res) markRejected(res, 'auth_missing');
    throw missingKey();
  }
  const principal = looksLikeApiKey(key) ? await keys.findByKey(key) : null;
  if (!principal) {
    if (res) markRejected(res, 'auth_invalid');
    throw invalidKey();
  }
  return principal;
}

/**
 * Every tenant-scoped endpoint stands behind this guard: it authenticates the key, then checks the scope
 * the handler declares with `@RequireScope` (403 naming it). A department's key (one with a view
 * restriction) passes only where the handler declares, with `@ServesRestrictedKeys`, that it narrows its
 * answer on each of the key's restricted dimensions. An endpoint that declares none is refused,
 * so a new route cannot ship open by forgetting the decorator. Handlers read `req.principal.tenantId`,
 * never a tenant from the request.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<string>(PUBLIC_ENDPOINT, targets)) return true;
    const required = this.reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPES, targets);
    const req = context.switchToHttp().getRequest<TenantRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    if (!required || required.length === 0) {
      throw new HttpException(
        { error: 'forbidden', message: 'this endpoint declares no scope and is closed until it does' },
        HttpStatus.FORBIDDEN,
      );
    }
    const principal = await authenticate(this.keys, req, res);
    if (!grants(principal.scopes, required)) {
      markRejected(res, 'scope');
      throw missingScope(required);
    }
    if (isRestricted(principal.restriction)) {
      const served = this.reflector.getAllAndOverride<RestrictionDimension[]>(SERVES_RESTRICTED, targets) ?? [];
      const unserved = RESTRICTION_DIMENSIONS.filter((d) => (principal.restriction![d]?.length ?? 0) > 0 && !served.includes(d));
      if (unserved.length > 0) {
        markRejected(res, 'view');
        throw new HttpException(
          {
            error: 'forbidden',
            reason: 'view_restricted',
            message: `this API key sees only part of its tenant (${describeRestriction(principal.restriction)}); this endpoint cannot narrow its answer by ${unserved.join(' and ')}`,
          },
          HttpStatus.FORBIDDEN,
        );
      }
    }
    req.principal = principal;
    return true;
  }
}
