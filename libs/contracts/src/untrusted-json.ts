import type { FieldError } from './validate';

/** Deepest nesting any Loops body or event needs is about 5; 32 leaves room and bounds recursion. */
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NUL = /\u0000/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/;

export interface UntrustedJsonRules {
  /** Refuse `null` anywhere (no Loops body has a nullable field: an absent field is omitted). */
  rejectNull: boolean;
  /** Refuse U+0000 in string values (PostgreSQL text and jsonb cannot hold it). Ingestion strips it instead. */
  rejectNulInStrings: boolean;
  maxDepth?: number;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: the
// pattern must see code units). ES2024's String#isWellFormed is not in this project's TypeScript lib.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text is valid Unicode (no lone UTF-16 surrogates), so PostgreSQL can store it. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

function joinPath(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}

/**
 * The first part of an untrusted JSON value that no Loops service can store or safely process, named by
 * its path: lone UTF-16 surrogates (PostgreSQL refuses `"\ud800"` in jsonb; text cannot encode them),
 * NUL, control characters in keys, prototype keys, excessive depth and, by rule, null. Shared by the HTTP
 * edge of every service and by every Kafka consumer, so the same input gets the same answer everywhere.
 */
export function findUnsafeJson(value: unknown, rules: UntrustedJsonRules, rootPath = ''): FieldError | undefined {
  const maxDepth = rules.maxDepth ?? MAX_JSON_DEPTH;
  // An explicit stack: a hostile depth cannot overflow the call stack before the depth check fires.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: rootPath, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    const field = path;
    if (v === null) {
      if (rules.rejectNull && depth > 0) return { field, messages: [`${field} must not be null (omit the field instead)`] };
      continue;
    }
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) return { field, messages: [`${field || 'value'} contains a lone UTF-16 surrogate (invalid Unicode)`] };
      if (rules.rejectNulInStrings && NUL.test(v)) return { field, messages: [`${field || 'value'} contains a NUL character`] };
      continue;
    }
    if (typeof v !== 'object') continue;
    if (depth >= maxDepth) return { field, messages: [`${field || 'body'} nests deeper than ${maxDepth} levels`] };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: joinPath(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const at = joinPath(path, key);
      if (FORBIDDEN_KEYS.has(key)) return { field: at, messages: [`key "${key}" is not allowed`] };
      if (!isWellFormedText(key) || CONTROL.test(key)) {
        return { field: path || '(body)', messages: [`a key of ${path || 'the body'} contains control characters or invalid Unicode`] };
      }
      stack.push({ value: (v as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return undefined;
}
