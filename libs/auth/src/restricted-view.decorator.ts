import { SetMetadata } from '@nestjs/common';
import type { RestrictionDimension } from './view-restriction';

export const SERVES_RESTRICTED = 'loops:serves-restricted';

/**
 * Declares which parts of a key's view restriction a handler enforces (the restriction is applied by the
 * handler, with `narrowToView`). A key restricted on any other dimension is refused by `TenantGuard`
 * before the handler runs, so an endpoint written without restrictions in mind can never serve a
 * department's key the whole tenant: it fails closed, like a missing `@RequireScope`.
 */
export const ServesRestrictedKeys = (...dimensions: [RestrictionDimension, ...RestrictionDimension[]]) =>
  SetMetadata(SERVES_RESTRICTED, dimensions);
