import { ONLY_FOR_CHANNEL_MARK, OPTIONAL_MARK } from './converters';

export type Schema = Record<string, unknown>;

/**
 * `json-schema`: draft-07, for the published documents and the compiled validators.
 * `openapi-3.0`: for Swagger's `/docs`, which has `nullable` instead of `type: [.., "null"]` and no if/then.
 */
export type Dialect = 'json-schema' | 'openapi-3.0';

function isRecord(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A `$ref` with siblings is ignored by draft-07 readers; the referenced class is already an object. */
function tidyRef(schema: Schema): Schema {
  if (typeof schema.$ref !== 'string') {
    return isRecord(schema.items) ? { ...schema, items: tidyRef(schema.items) } : schema;
  }
  const { $ref, type, ...rest } = schema;
  void type;
  return Object.keys(rest).length === 0 ? { $ref } : { allOf: [{ $ref }], ...rest };
}

/** class-validator skips every check of an `@IsOptional()` property that is null or undefined. */
function nullable(schema: Schema, dialect: Dialect): Schema {
  // OpenAPI 3.0 ignores every sibling of a `$ref`, so a nullable reference cannot be said there.
  if (dialect === 'openapi-3.0') return typeof schema.$ref === 'string' ? schema : { ...schema, nullable: true };
  if (typeof schema.type === 'string') {
    const out: Schema = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

function finishProperty(raw: Schema, dialect: Dialect): { schema: Schema; onlyForChannel?: string } {
  const { [OPTIONAL_MARK]: optional, [ONLY_FOR_CHANNEL_MARK]: onlyForChannel, ...rest } = raw;
  let schema = tidyRef(rest);
  if (optional) schema = nullable(schema, dialect);
  return { schema, onlyForChannel: onlyForChannel as string | undefined };
}

/**
 * Turns class-validator-jsonschema's per-class output into schemas that accept what the class accepts:
 * no other properties (consumers validate with `forbidNonWhitelisted`), optional means absent or null,
 * and a channel payload only with its channel.
 */
export function finishClassSchema(raw: Schema, dialect: Dialect): Schema {
  const properties: Record<string, Schema> = {};
  const rules: Schema[] = [];
  for (const [name, property] of Object.entries((raw.properties ?? {}) as Record<string, Schema>)) {
    const { schema, onlyForChannel } = finishProperty(property, dialect);
    properties[name] = schema;
    if (onlyForChannel && dialect === 'json-schema') {
      rules.push({
        if: { properties: { [name]: { not: { type: 'null' } } }, required: [name] },
        then: { properties: { channel: { const: onlyForChannel } }, required: ['channel'] },
      });
    }
  }
  const out: Schema = { type: 'object', properties };
  if (Array.isArray(raw.required) && raw.required.length > 0) out.required = raw.required;
  out.additionalProperties = false;
  if (rules.length > 0) out.allOf = rules;
  return out;
}
