import { SetMetadata } from '@nestjs/common';
import type { Scope } from './scopes';

export const REQUIRED_SCOPES = 'loops:required-scopes';
export const PUBLIC_ENDPOINT = 'loops:public-endpoint';

/**
 * The scope an endpoint needs, declared on the handler (or its controller) next to the route, so a
 * reviewer sees every endpoint's permission where the endpoint is. Several scopes mean any one of them
 * suffices (e.g. reading a case: `reports:read` or `cases:write`). An endpoint behind `TenantGuard`
 * without this decorator is refused: the guard fails closed.
 */
export const RequireScope = (...anyOf: [Scope, ...Scope[]]) => SetMetadata(REQUIRED_SCOPES, anyOf);

/** An endpoint that serves no tenant data and needs no key (e.g. the dashboard's static page). */
export const PublicEndpoint = (why: string) => SetMetadata(PUBLIC_ENDPOINT, why);
