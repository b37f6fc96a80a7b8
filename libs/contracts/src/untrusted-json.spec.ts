import { findUnsafeJson, isWellFormedText } from './untrusted-json';

const strict = { rejectNull: true, rejectNulInStrings: true };

describe('findUnsafeJson', () => {
  it('names the path of a lone surrogate, a NUL, a null and a prototype key', () => {
    expect(findUnsafeJson(JSON.parse('{"a":[{"b":"x\\ud800"}]}'), strict)).toEqual({ field: 'a.0.b', messages: ['a.0.b contains a lone UTF-16 surrogate (invalid Unicode)'] });
    expect(findUnsafeJson({ a: 'x\u0000' }, strict)).toEqual({ field: 'a', messages: ['a contains a NUL character'] });
    expect(findUnsafeJson({ a: { b: null } }, strict)).toEqual({ field: 'a.b', messages: ['a.b must not be null (omit the field instead)'] });
    expect(findUnsafeJson(JSON.parse('{"x":{"__proto__":{}}}'), strict)).toEqual({ field: 'x.__proto__', messages: ['key "__proto__" is not allowed'] });
  });

  it('bounds depth without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeJson(deep, strict)?.messages[0]).toMatch(/nests deeper than 32 levels/);
  });

  it('accepts well-formed text, emoji included, and null where allowed', () => {
    expect(findUnsafeJson({ text: 'ok 😀', n: null }, { rejectNull: false, rejectNulInStrings: true })).toBeUndefined();
    expect(isWellFormedText('😀')).toBe(true);
    expect(isWellFormedText('\udc00😀')).toBe(false);
  });
});
