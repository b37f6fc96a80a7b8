import { HttpException, HttpStatus } from '@nestjs/common';
import type { Principal } from './api-key.repository';
import type { RestrictionDimension } from './view-restriction';

const PARAMETER: Record<RestrictionDimension, string> = { touchpoints: 'touchpoint', themes: 'theme', accounts: 'account' };

export function outsideView(dimension: RestrictionDimension, requested: string, allowed: string[]): HttpException {
  return new HttpException(
    {
      error: 'forbidden',
      reason: 'outside_view',
      message: `this API key sees only ${dimension} ${allowed.join(', ')}; ${PARAMETER[dimension]} ${JSON.stringify(requested)} is outside its view`,
    },
    HttpStatus.FORBIDDEN,
  );
}

/**
 * The value a handler must filter on for one dimension: the caller's own filter when the key may see it,
 * the key's only value when it sees exactly one, and otherwise a clear refusal. An unrestricted dimension
 * returns the caller's filter unchanged (undefined = everything).
 */
export function narrowToView(principal: Principal, dimension: RestrictionDimension, requested: string | undefined): string | undefined {
  const allowed = principal.restriction?.[dimension];
  if (!allowed || allowed.length === 0) return requested;
  if (requested !== undefined) {
    if (!allowed.includes(requested)) throw outsideView(dimension, requested, allowed);
    return requested;
  }
  if (allowed.length === 1) return allowed[0];
  throw new HttpException(
    {
      error: 'bad_request',
      errors: [
        {
          field: PARAMETER[dimension],
          messages: [`this API key sees ${dimension} ${allowed.join(', ')}: choose one with ?${PARAMETER[dimension]}=`],
        },
      ],
    },
    HttpStatus.BAD_REQUEST,
  );
}

/** The values a handler may list for one dimension: all the key's values, or null for "no restriction". */
export function viewValues(principal: Principal, dimension: RestrictionDimension): string[] | null {
  const allowed = principal.restriction?.[dimension];
  return allowed && allowed.length > 0 ? allowed : null;
}
