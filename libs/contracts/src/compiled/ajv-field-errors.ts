import type { ErrorObject } from 'ajv';
import { UUID_PATTERN } from '../schema/converters';
import type { FieldError } from '../validate';

function pathOf(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The name class-validator would put in the message: the property, or "each value in <array>" for items. */
function subject(path: string[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'body';
  if (/^\d+$/.test(last) && path.length > 1) return `each value in ${path[path.length - 2]}`;
  return last;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer number',
  number: 'a number conforming to the specified constraints',
  boolean: 'a boolean value',
  object: 'an object',
  array: 'an array',
};

function typeWords(type: unknown): string {
  const types = (Array.isArray(type) ? type : [type]).filter((t) => t !== 'null') as string[];
  return types.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
}

/** Wording follows class-validator's default messages, so DLQ reasons read the same as before. */
function message(error: ErrorObject, path: string[]): { field: string[]; text: string } {
  const name = subject(path);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: [...path, String(p.missingProperty)], text: `${String(p.missingProperty)} is required` };
    case 'additionalProperties':
      return { field: [...path, String(p.additionalProperty)], text: `property ${String(p.additionalProperty)} should not exist` };
    case 'type':
      return { field: path, text: `${name} must be ${typeWords(p.type)}` };
    case 'maximum':
      return { field: path, text: `${name} must not be greater than ${String(p.limit)}` };
    case 'minimum':
      return { field: path, text: `${name} must not be less than ${String(p.limit)}` };
    case 'maxLength':
      return { field: path, text: `${name} must be shorter than or equal to ${String(p.limit)} characters` };
    case 'minLength':
      return { field: path, text: `${name} must be longer than or equal to ${String(p.limit)} characters` };
    case 'maxItems':
      return { field: path, text: `${name} must contain no more than ${String(p.limit)} elements` };
    case 'minItems':
      return { field: path, text: `${name} must contain at least ${String(p.limit)} elements` };
    case 'maxProperties':
      return { field: path, text: `${name} must have at most ${String(p.limit)} keys` };
    case 'enum':
      return { field: path, text: `${name} must be one of the following values: ${(p.allowedValues as unknown[]).filter((v) => v !== null).join(', ')}` };
    case 'const':
      return { field: path, text: `${name} must be "${String(p.allowedValue)}"` };
    case 'pattern':
      if (p.pattern === UUID_PATTERN) return { field: path, text: `${name} must be a UUID` };
      return { field: path, text: `${name} must match /${String(p.pattern)}/ regular expression` };
    case 'format':
      return {
        field: path,
        text: p.format === 'date-time' ? `${name} must be an RFC 3339 date-time with a time zone` : `${name} must be a ${String(p.format)}`,
      };
    case 'propertyNames':
      return {
        field: path,
        text: `${name} has a key "${String(p.propertyName)}" that is not allowed: keys are 1-64 letters, digits or _.- and not __proto__, constructor or prototype`,
      };
    case 'anyOf':
      return { field: path, text: `${name} must be a string of at most 1000 characters, a finite number or a boolean` };
    default:
      return { field: path, text: `${name} ${error.message ?? `fails ${error.keyword}`}` };
  }
}

/**
 * ajv's errors as field-level errors naming the offending field (`feedback.scores.nps`). ajv stops at the
 * first failing check; the alternatives it tried on the way are noise: the `null` branch of an optional
 * property, the `anyOf` wrapper when one branch explains the failure, and errors inside a property-name check.
 */
export function toFieldErrors(errors: ErrorObject[]): FieldError[] {
  const meaningful = errors.filter(
    (e) =>
      !(e.keyword === 'type' && e.params.type === 'null') &&
      !(e.keyword === 'if') &&
      !(e.propertyName !== undefined && e.keyword !== 'propertyNames'),
  );
  const flatValue = meaningful.find((e) => e.keyword === 'anyOf' && e.schemaPath.endsWith('/additionalProperties/anyOf'));
  const chosen = flatValue ? [flatValue] : meaningful.filter((e) => e.keyword !== 'anyOf');
  const picked = chosen.length > 0 ? chosen : errors;
  const byField = new Map<string, string[]>();
  for (const error of picked) {
    const { field, text } = message(error, pathOf(error.instancePath));
    const key = field.join('.');
    const messages = byField.get(key) ?? [];
    if (!messages.includes(text)) messages.push(text);
    byField.set(key, messages);
  }
  return [...byField].map(([field, messages]) => ({ field, messages }));
}
