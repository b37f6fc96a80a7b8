import { registerDecorator, ValidationOptions } from 'class-validator';

export const IS_FLAT_ATTRIBUTES = 'isFlatAttributes';
export const FLAT_ATTRIBUTES_MAX_KEYS = 50;
export const FLAT_ATTRIBUTE_KEY = /^[A-Za-z0-9_.-]{1,64}$/;
export const FLAT_ATTRIBUTE_MAX_STRING = 1000;
/** Keys that would reach Object.prototype when a consumer copies the map naively. */
export const FORBIDDEN_ATTRIBUTE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const FORBIDDEN = new Set<string>(FORBIDDEN_ATTRIBUTE_KEYS);
const MAX_KEYS = FLAT_ATTRIBUTES_MAX_KEYS;
const KEY = FLAT_ATTRIBUTE_KEY;

/** Length in Unicode code points, as JSON Schema's `maxLength` counts (an emoji is one, not two). */
function codePoints(text: string): number {
  let surrogates = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) surrogates++;
  }
  return text.length - surrogates;
}

export type FlatAttributes = Record<string, string | number | boolean>;

/** Free attributes: a flat map of at most 50 scalar values with simple keys. */
export function IsFlatAttributes(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: IS_FLAT_ATTRIBUTES,
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
                (typeof v === 'string' && (v.length <= FLAT_ATTRIBUTE_MAX_STRING || codePoints(v) <= FLAT_ATTRIBUTE_MAX_STRING))),
          );
        },
      },
    });
}
