import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { RequireScope } from '@loops/auth';

/**
 * The API-key scopes of the corrections API, in one place. Correcting an analysis is an analyst's act, like
 * acting on a case (`cases:write`); reading corrections and accuracy is reporting (`reports:read`, or
 * `cases:write`, which an analyst's key has). The controller sits behind TenantGuard, which enforces these;
 * the tenant always comes from the key.
 */
export const CORRECTIONS_WRITE_SCOPE = 'cases:write';
export const CORRECTIONS_READ_SCOPE = 'reports:read';

export function CorrectionsAccess(scope: typeof CORRECTIONS_WRITE_SCOPE | typeof CORRECTIONS_READ_SCOPE) {
  return applyDecorators(
    scope === CORRECTIONS_WRITE_SCOPE ? RequireScope('cases:write') : RequireScope('reports:read', 'cases:write'),
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: 'No API key, or one that is not valid or has been revoked' }),
    ApiResponse({
      status: 403,
      description: scope === CORRECTIONS_WRITE_SCOPE ? 'The API key lacks the scope cases:write' : 'The API key lacks reports:read and cases:write',
    }),
  );
}
