import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { looksLikeApiKey } from './api-key';
import { ApiKeyRepository, Principal } from './api-key.repository';
import { presentedKey } from './presented-key';

export interface TenantRequest extends Request {
  principal: Principal;
}

/** Resolves the caller's API key to a principal: 401 without a valid key, 403 when it is revoked. */
export async function authenticate(keys: ApiKeyRepository, req: Request): Promise<Principal> {
  const key = presentedKey(req);
  if (!key || !looksLikeApiKey(key)) {
    throw new HttpException(
      { error: 'unauthorized', message: 'an API key is required: Authorization: Bearer <key> or X-API-Key' },
      HttpStatus.UNAUTHORIZED,
    );
  }
  const principal = await keys.findByKey(key);
  if (!principal) throw new HttpException({ error: 'unauthorized', message: 'unknown API key' }, HttpStatus.UNAUTHORIZED);
  if (principal.revoked) {
    throw new HttpException({ error: 'forbidden', message: 'this API key has been revoked' }, HttpStatus.FORBIDDEN);
  }
  return principal;
}

/** Tenant-scoped read APIs: every handler reads `req.principal.tenantId`, never a tenant from the request. */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(private readonly keys: ApiKeyRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<TenantRequest>();
    req.principal = await authenticate(this.keys, req);
    return true;
  }
}
