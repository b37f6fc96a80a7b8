import { registerDecorator, ValidationOptions } from 'class-validator';
import { fullFormats } from 'ajv-formats/dist/formats';

export const IS_TIMESTAMP = 'isTimestamp';

const dateTime = fullFormats['date-time'] as { validate: (value: string) => boolean };

/**
 * An RFC 3339 date-time with a time zone (what `Date.prototype.toISOString` writes), on a calendar day
 * that exists. The check is ajv-formats' own `date-time` function, so the class-validator path and the
 * compiled JSON Schema (`format: date-time`) accept exactly the same strings.
 *
 * Internal events use this instead of `@IsISO8601`: ISO 8601 also allows dates without a time, local
 * times without a zone and week dates, none of which JSON Schema's `date-time` accepts and none of which
 * a Loops producer writes.
 */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: IS_TIMESTAMP,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an RFC 3339 date-time with a time zone', ...options },
      validator: {
        validate(value: unknown): boolean {
          return typeof value === 'string' && dateTime.validate(value);
        },
      },
    });
}
