import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { REPO_ROOT } from './service-process';

/**
 * Hostile inputs derived from the published contracts: the JSON Schemas in libs/contracts/schemas (Kafka
 * events) and the OpenAPI documents the services serve at /docs/json (HTTP). Each schema is walked for
 * the fields it declares; fast-check then picks a field and a mutation (null, wrong type, NUL, lone
 * surrogate, oversize, deep nesting, unknown or prototype keys) and the suite checks the answer.
 */

type JsonSchema = Record<string, unknown>;

export interface DeclaredField {
  /** Path from the body root, e.g. ['customer', 'id'] or ['items', 0, 'title']. */
  path: (string | number)[];
  type: string;
  required: boolean;
  maxLength?: number;
  /** An object with declared properties (a contract class), where unknown keys must be refused. */
  closedObject: boolean;
}

/** One published JSON Schema, read from the repository as integrators read it. */
export function contractSchema(name: string): JsonSchema {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'libs', 'contracts', 'schemas', `${name}.schema.json`), 'utf8')) as JsonSchema;
}

/**
 * Resolves `#/definitions/X` (JSON Schema) and `#/components/schemas/X` (OpenAPI). The generated schemas
 * point at a `#/definitions/Object` that is not there (a generator defect another issue fixes): such a
 * reference is read as a free-form object, which is what the contract means.
 */
function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; hops < 10 && typeof current.$ref === 'string'; hops++) {
    const parts = (current.$ref as string).replace(/^#\//, '').split('/');
    let target: unknown = root;
    for (const p of parts) target = (target as Record<string, unknown> | undefined)?.[p];
    current = (target as JsonSchema | undefined) ?? { type: 'object' };
  }
  if (!current.type && Array.isArray(current.oneOf)) return { ...(current.oneOf[0] as JsonSchema), ...current, oneOf: undefined };
  if (!current.type && Array.isArray(current.allOf) && current.allOf.length === 1) return resolve(current.allOf[0] as JsonSchema, root);
  return current;
}

function typeOf(schema: JsonSchema): string {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.enum)) return typeof schema.enum[0];
  if (schema.properties) return 'object';
  return 'unknown';
}

/** Every field a schema declares, nested objects and first array items included (bounded depth). */
export function declaredFields(schema: JsonSchema, root: JsonSchema = schema, prefix: (string | number)[] = [], depth = 0): DeclaredField[] {
  const s = resolve(schema, root);
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  const out: DeclaredField[] = [];
  if (depth > 4) return out;
  for (const [name, raw] of Object.entries(properties)) {
    const field = resolve(raw, root);
    const type = typeOf(field);
    const path = [...prefix, name];
    const closedObject = type === 'object' && field.properties !== undefined;
    out.push({ path, type, required: required.has(name), maxLength: field.maxLength as number | undefined, closedObject });
    if (closedObject) out.push(...declaredFields(field, root, path, depth + 1));
    if (type === 'array' && field.items) {
      const item = resolve(field.items as JsonSchema, root);
      if (item.properties) {
        out.push({ path: [...path, 0], type: 'object', required: false, closedObject: true });
        out.push(...declaredFields(item, root, [...path, 0], depth + 1));
      }
    }
  }
  return out;
}

/** A value shaped like the schema (not necessarily valid: patterns are not honoured). */
export function sampleOf(schema: JsonSchema, root: JsonSchema = schema, depth = 0): unknown {
  const s = resolve(schema, root);
  if (Array.isArray(s.enum)) return s.enum[0];
  switch (typeOf(s)) {
    case 'object': {
      if (depth > 4) return {};
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sampleOf(v, root, depth + 1)]));
    }
    case 'array':
      return s.items ? [sampleOf(s.items as JsonSchema, root, depth + 1)] : [];
    case 'integer':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 0.5;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'date-time' || s.format === 'date') return new Date().toISOString();
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
      return 'sample';
    default:
      return 'sample';
  }
}

export function deepNest(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** A value of a type the field does not declare. */
export function wrongTypeFor(type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return fc.constantFrom(12345, true, [], { a: 1 }, -1.5);
    case 'integer':
    case 'number':
      return fc.constantFrom('7', true, [], { n: 7 }, '');
    case 'boolean':
      return fc.constantFrom('true', 1, [], {});
    case 'object':
      return fc.constantFrom('x', 5, true, [1, 2]);
    case 'array':
      return fc.constantFrom('x', 5, { a: 1 }, true);
    default:
      return fc.constantFrom(Symbol.for('skip'));
  }
}

export type Mutation =
  | { kind: 'set'; path: (string | number)[]; value: unknown; label: string }
  | { kind: 'unknown-key'; path: (string | number)[]; key: string; label: string };

/**
 * Mutations that every consumer must refuse wherever they land: these are the ones used on Kafka topics,
 * where a refused message has to show up in the DLQ. (`allowNulInStrings`: feedback.raw.v1 strips control
 * characters from text like the HTTP intake does, so NUL in a string is cleaned there, not refused.)
 */
export function refusedMutation(fields: DeclaredField[], options: { allowNulInStrings?: boolean } = {}): fc.Arbitrary<Mutation> {
  const field = fc.constantFrom(...fields);
  const closed = fields.filter((f) => f.closedObject);
  const required = fields.filter((f) => f.required && ['string', 'number', 'integer', 'boolean', 'object', 'array'].includes(f.type));
  const typed = fields.filter((f) => ['string', 'number', 'integer', 'boolean', 'object', 'array'].includes(f.type) && typeof f.path[f.path.length - 1] === 'string');
  const bounded = fields.filter((f) => f.type === 'string' && f.maxLength !== undefined);
  const strings = fields.filter((f) => f.type === 'string');
  const options_: fc.Arbitrary<Mutation>[] = [
    field.map((f) => ({ kind: 'set', path: f.path, value: `x\ud800y`, label: `lone surrogate in ${f.path.join('.')}` }) as Mutation),
    field.map((f) => ({ kind: 'set', path: f.path, value: deepNest(40), label: `40 levels deep at ${f.path.join('.')}` }) as Mutation),
    fc.constantFrom(...[[], ...closed.map((f) => f.path)]).map(
      (path) => ({ kind: 'unknown-key', path, key: 'notAField', label: `unknown key under ${path.join('.') || '(root)'}` }) as Mutation,
    ),
    fc.constantFrom(...[[], ...closed.map((f) => f.path)]).map(
      (path) => ({ kind: 'unknown-key', path, key: 'bad\u0000key', label: `NUL in a key under ${path.join('.') || '(root)'}` }) as Mutation,
    ),
  ];
  if (required.length) {
    options_.push(fc.constantFrom(...required).map((f) => ({ kind: 'set', path: f.path, value: null, label: `null in required ${f.path.join('.')}` }) as Mutation));
  }
  if (typed.length) {
    options_.push(
      fc
        .constantFrom(...typed)
        .chain((f) => wrongTypeFor(f.type).map((value) => ({ kind: 'set', path: f.path, value, label: `wrong type ${JSON.stringify(value)} in ${f.path.join('.')}` }) as Mutation)),
    );
  }
  if (bounded.length) {
    options_.push(
      fc.constantFrom(...bounded).map((f) => ({ kind: 'set', path: f.path, value: 'x'.repeat(f.maxLength! + 1), label: `${f.maxLength! + 1} characters in ${f.path.join('.')}` }) as Mutation),
    );
  }
  if (strings.length && !options.allowNulInStrings) {
    options_.push(fc.constantFrom(...strings).map((f) => ({ kind: 'set', path: f.path, value: 'a\u0000b', label: `NUL in ${f.path.join('.')}` }) as Mutation));
  }
  return fc.oneof(...options_);
}

/** Any hostile mutation, valid-looking ones included (HTTP: the answer must be a 2xx or a 4xx naming why). */
export function anyMutation(fields: DeclaredField[]): fc.Arbitrary<Mutation> {
  const hostileValue = fc.oneof(
    fc.constant(null),
    fc.constantFrom('a\u0000b', '\u0000', 'x\ud800y', '\udfff', '', ' ', '😀', '\u202e', 'x'.repeat(300_000)),
    fc.constantFrom(0, -1, 1e308, -1e308, 3.5, true, false, [], {}, [null], { __proto__: null }),
    fc.constant(deepNest(60)),
    fc.string({ maxLength: 40, unit: 'binary' }),
    fc.anything({ maxDepth: 3 }),
  );
  const target = fields.length ? fc.constantFrom(...fields.map((f) => f.path), []) : fc.constant([] as (string | number)[]);
  return fc.oneof(
    fc.tuple(target, hostileValue).map(([path, value]) => ({ kind: 'set', path, value, label: `${describe(value)} at ${path.join('.') || '(root)'}` }) as Mutation),
    fc.tuple(target, fc.constantFrom('notAField', '__proto__', 'constructor', 'a\u0000', '\ud800', 'tenantId')).map(
      ([path, key]) => ({ kind: 'unknown-key', path, key, label: `key ${JSON.stringify(key)} under ${path.join('.') || '(root)'}` }) as Mutation,
    ),
    fields.length ? refusedMutation(fields) : fc.constant({ kind: 'set', path: [], value: null, label: 'null body' } as Mutation),
  );
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
}

/** The body with the mutation applied (intermediate objects created as needed). */
export function applyMutation(base: unknown, mutation: Mutation): unknown {
  const copy = structuredClone(base) as unknown;
  const { path } = mutation;
  if (mutation.kind === 'set' && path.length === 0) return mutation.value;
  let holder: Record<string | number, unknown> = copy as Record<string | number, unknown>;
  if (holder === null || typeof holder !== 'object') holder = {};
  const root = holder;
  const last = mutation.kind === 'set' ? path.length - 1 : path.length;
  for (let i = 0; i < last; i++) {
    const key = path[i];
    const next = holder[key];
    if (next === null || typeof next !== 'object') holder[key] = typeof path[i + 1] === 'number' ? [] : {};
    holder = holder[key] as Record<string | number, unknown>;
  }
  if (mutation.kind === 'set') holder[path[path.length - 1]] = mutation.value;
  else Object.defineProperty(holder, mutation.key, { value: 1, enumerable: true, configurable: true, writable: true });
  return root;
}

/**
 * True when an error answer says what was wrong: field-level `errors`, routing-tree `problems`, or a
 * `message`. Anything else (an empty body, an HTML page) leaves the client guessing.
 */
export function namesFieldOrReason(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const b = body as { errors?: unknown; problems?: unknown; message?: unknown };
  if (Array.isArray(b.errors) && b.errors.length > 0) {
    return b.errors.every((e) => e && typeof (e as { field?: unknown }).field === 'string' && Array.isArray((e as { messages?: unknown }).messages) && (e as { messages: unknown[] }).messages.length > 0);
  }
  if (Array.isArray(b.problems) && b.problems.length > 0) return true;
  if (typeof b.message === 'string' && b.message.length > 0) return true;
  if (Array.isArray(b.message) && b.message.length > 0) return true;
  return false;
}
