import { registerDecorator, ValidationOptions } from 'class-validator';

const MAX_KEYS = 50;
const KEY = /^[A-Za-z0-9_.-]{1,64}$/;
/** Keys that would reach Object.prototype when a consumer copies the map naively. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export type FlatAttributes = Record<string, string | number | boolean>;

/** Free attributes: a flat map of at most 50 scalar values with simple keys. */
export function IsFlatAttributes(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isFlatAttributes',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be an object of at most ${MAX_KEYS} string, number or boolean values with keys matching ${KEY}`,
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as object);
          if (entries.length > MAX_KEYS) return false;
          return entries.every(
            ([key, v]) =>
              KEY.test(key) &&
              !FORBIDDEN.has(key) &&
              (typeof v === 'boolean' ||
                (typeof v === 'number' && Number.isFinite(v)) ||
                (typeof v === 'string' && v.length <= 1000)),
          );
        },
      },
    });
}
