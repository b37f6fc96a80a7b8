import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ClassConstructor } from 'class-transformer';
import { CONTRACTS } from '../catalog';
import { generateJsonSchema } from '../schema/generate-documents';
import type { Validated } from '../validate';
import { toFieldErrors } from './ajv-field-errors';

/**
 * One ajv for the process: strict, so a schema it does not fully understand fails at startup instead of
 * silently accepting; formats limited to the two the contracts use.
 */
function newAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: false, messages: true });
  addFormats(ajv, ['date-time', 'uuid']);
  return ajv;
}

let ajv: Ajv | undefined;
const compiled = new Map<ClassConstructor<object>, ValidateFunction>();

/**
 * The validator of a catalog contract, compiled once. The schema is generated from the class at first use
 * rather than read from `schemas/*.json`: the class stays the one source, a service cannot run with a
 * stale or missing file (dist does not carry the JSON), and the drift test keeps the published files equal
 * to exactly this generated schema.
 */
export function compiledSchemaValidator(cls: ClassConstructor<object>): ValidateFunction | undefined {
  const existing = compiled.get(cls);
  if (existing) return existing;
  const contract = CONTRACTS.find((c) => c.cls === cls);
  if (!contract) return undefined;
  ajv ??= newAjv();
  const validate = ajv.compile(generateJsonSchema(contract));
  compiled.set(cls, validate);
  return validate;
}

/**
 * Checks a parsed message against its compiled contract. The value is the parsed object itself, not a
 * class instance: the contract classes carry no methods, defaults or conversions (dates stay ISO strings),
 * so consumers read the same fields as after `plainToInstance`, without the copy.
 */
export function validateCompiled<T extends object>(validate: ValidateFunction, plain: unknown): Validated<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '', messages: ['body must be a JSON object'] }] };
  }
  if (validate(plain)) return { ok: true, value: plain as T };
  return { ok: false, errors: toFieldErrors(validate.errors ?? []) };
}
