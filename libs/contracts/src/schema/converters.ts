import { IS_ISO8601, IS_UUID, MAX, MIN, ValidationTypes } from 'class-validator';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import {
  FLAT_ATTRIBUTE_KEY,
  FLAT_ATTRIBUTE_MAX_STRING,
  FLAT_ATTRIBUTES_MAX_KEYS,
  FORBIDDEN_ATTRIBUTE_KEYS,
  IS_FLAT_ATTRIBUTES,
} from '../events/common/flat-attributes';
import { IS_TIMESTAMP } from '../events/common/timestamp';
import { ONLY_FOR_CHANNEL } from '../events/feedback-submission/only-for-channel';

/** Set on a property by `@IsOptional()`; `finishSchemas` turns it into "absent or null" (what class-validator skips). */
export const OPTIONAL_MARK = 'x-loops-optional';
/** Set on a channel payload by `@OnlyForChannel()`; `finishSchemas` turns it into an if/then on the class. */
export const ONLY_FOR_CHANNEL_MARK = 'x-loops-only-for-channel';

/**
 * `validator`'s `isUUID` (what `@IsUUID()` runs): versions 1-8, the nil and the max UUID, any case.
 * ajv-formats' `uuid` alone also accepts a `urn:uuid:` prefix and any version digit.
 */
export const UUID_PATTERN =
  '^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|' +
  '00000000-0000-0000-0000-000000000000|[fF]{8}-[fF]{4}-[fF]{4}-[fF]{4}-[fF]{12})$';

/**
 * What class-validator-jsonschema gets wrong or does not know, so that a schema accepts exactly what the
 * class accepts:
 * - custom decorators (`@IsFlatAttributes`, `@IsTimestamp`, `@OnlyForChannel`) otherwise fall back to the
 *   property's TypeScript type, which for a `Record` is `#/definitions/Object`, a schema that exists nowhere;
 * - `@Min`/`@Max` say `type: number`, which overwrites `@IsInt`'s `integer` when the decorators happen to
 *   merge in that order: the type comes from `@IsInt`/`@IsNumber` alone;
 * - `@IsISO8601` says "date or date-time", which is not what it accepts; only the ingestion edge still
 *   uses it (with `@Matches(ZONED_TIMESTAMP)`, which gives the pattern), internal events use `@IsTimestamp`.
 */
export const contractConverters: ISchemaConverters = {
  [ValidationTypes.CONDITIONAL_VALIDATION]: { [OPTIONAL_MARK]: true },
  [MIN]: (meta) => ({ minimum: meta.constraints[0] }),
  [MAX]: (meta) => ({ maximum: meta.constraints[0] }),
  [IS_UUID]: { type: 'string', format: 'uuid', pattern: UUID_PATTERN },
  [IS_ISO8601]: { type: 'string' },
  [IS_TIMESTAMP]: { type: 'string', format: 'date-time' },
  [ONLY_FOR_CHANNEL]: (meta) => ({ [ONLY_FOR_CHANNEL_MARK]: meta.constraints[0] }),
  // The converter type predates `propertyNames` (openapi3-ts' SchemaObject); draft-07 has it.
  [IS_FLAT_ATTRIBUTES]: {
    type: 'object',
    maxProperties: FLAT_ATTRIBUTES_MAX_KEYS,
    propertyNames: { type: 'string', pattern: FLAT_ATTRIBUTE_KEY.source, not: { enum: [...FORBIDDEN_ATTRIBUTE_KEYS] } },
    additionalProperties: {
      anyOf: [{ type: 'string', maxLength: FLAT_ATTRIBUTE_MAX_STRING }, { type: 'number' }, { type: 'boolean' }],
    },
  } as ISchemaConverters[string],
};
