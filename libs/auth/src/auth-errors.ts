import { HttpException, HttpStatus } from '@nestjs/common';
import type { Scope } from './scopes';

/** Why a caller was refused; also the `reason` label of the `loops_http_rejects_total` metric. */
export type AuthRejection = 'auth_missing' | 'auth_invalid' | 'scope' | 'view';

export const API_KEY_REQUIRED = 'an API key is required: Authorization: Bearer <key> or X-API-Key';
// Unknown and revoked keys get the same answer: telling them apart would confirm to a thief that a
// stolen key once existed. The key itself is never echoed.
export const API_KEY_INVALID = 'the API key is not valid or has been revoked';

export function missingKey(): HttpException {
  return new HttpException({ error: 'unauthorized', reason: 'api_key_missing', message: API_KEY_REQUIRED }, HttpStatus.UNAUTHORIZED);
}

export function invalidKey(): HttpException {
  return new HttpException({ error: 'unauthorized', reason: 'api_key_invalid', message: API_KEY_INVALID }, HttpStatus.UNAUTHORIZED);
}

export function scopeMissingMessage(anyOf: readonly Scope[]): string {
  return anyOf.length === 1
    ? `this API key lacks the scope ${anyOf[0]}`
    : `this API key lacks a scope this endpoint needs: one of ${anyOf.join(', ')}`;
}

export function missingScope(anyOf: readonly Scope[]): HttpException {
  return new HttpException(
    { error: 'forbidden', reason: 'scope_missing', requiredScopes: anyOf, message: scopeMissingMessage(anyOf) },
    HttpStatus.FORBIDDEN,
  );
}
