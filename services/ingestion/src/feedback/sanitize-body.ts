import { FieldError, findUnsafeJson } from '@loops/contracts';

const MAX_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// C0 controls except tab, newline and carriage return, plus DEL. PostgreSQL cannot store U+0000 in
// text or jsonb, and none of these carry meaning in customer feedback.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export type Sanitized = { ok: true; value: unknown } | { ok: false; error: FieldError };

/**
 * Prepares an untrusted JSON body (one feedback item) for validation: strips control characters from
 * every string, rejects keys that could reach an object's prototype, and bounds nesting depth; then the
 * shared rules of every service refuse what cannot be stored: null values, lone surrogates, control
 * characters in keys (`findUnsafeJson`).
 */
export function sanitizeBody(body: unknown): Sanitized {
  const walk = (value: unknown, path: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw { field: path, messages: [`nesting deeper than ${MAX_DEPTH} levels`] } satisfies FieldError;
    if (typeof value === 'string') return value.replace(CONTROL, '');
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}.${i}`, depth + 1));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, v]) => {
          const field = path ? `${path}.${key}` : key;
          if (FORBIDDEN_KEYS.has(key)) throw { field, messages: [`key "${key}" is not allowed`] } satisfies FieldError;
          return [key, walk(v, field, depth + 1)];
        }),
      );
    }
    return value;
  };
  try {
    const value = walk(body, '', 0);
    const unsafe = findUnsafeJson(value, { rejectNull: true, rejectNulInStrings: true, maxDepth: MAX_DEPTH + 1 });
    if (unsafe) return { ok: false, error: unsafe };
    return { ok: true, value };
  } catch (error) {
    if (error && typeof error === 'object' && 'field' in error) return { ok: false, error: error as FieldError };
    throw error;
  }
}
