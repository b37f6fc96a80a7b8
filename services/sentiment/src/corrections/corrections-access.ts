import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { TenantGuard } from '@loops/auth';

/**
 * The API-key scopes the corrections API asks for. The one place to wire key scopes: once keys carry scopes,
 * swap TenantGuard below for the scope-checking guard with these values (writes: `cases:write`, reads:
 * `reports:read`). Until then any valid key of the tenant may call it; the tenant always comes from the key.
 */
export const CORRECTIONS_WRITE_SCOPE = 'cases:write';
export const CORRECTIONS_READ_SCOPE = 'reports:read';

export function CorrectionsAccess(scope: typeof CORRECTIONS_WRITE_SCOPE | typeof CORRECTIONS_READ_SCOPE) {
  return applyDecorators(
    UseGuards(TenantGuard),
    ApiBearerAuth(),
    ApiResponse({
      status: 401,
      description: `no valid API key (needs scope ${scope} once key scopes apply)`,
    }),
    ApiResponse({ status: 403, description: 'revoked key' }),
  );
}
