import { sanitizeBody } from './sanitize-body';

describe('sanitizeBody', () => {
  it('strips control characters PostgreSQL cannot store, keeping tabs and newlines', () => {
    expect(sanitizeBody({ text: 'a\u0000b\tc\nd\u001b' })).toEqual({ ok: true, value: { text: 'ab\tc\nd' } });
  });

  it('rejects prototype-pollution keys with their path', () => {
    const body = JSON.parse('{"customer":{"__proto__":{"admin":true}}}');
    expect(sanitizeBody(body)).toEqual({ ok: false, error: { field: 'customer.__proto__', messages: ['key "__proto__" is not allowed'] } });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('bounds nesting depth', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const out = sanitizeBody({ attributes: deep });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error.messages[0]).toBe('nesting deeper than 16 levels');
  });
});

describe('sanitizeBody: what no service can store', () => {
  it('refuses null with the field named (title: null used to reach the redactor and sink the batch)', () => {
    expect(sanitizeBody({ externalId: 'x', title: null })).toEqual({
      ok: false,
      error: { field: 'title', messages: ['title must not be null (omit the field instead)'] },
    });
  });

  it('refuses a lone surrogate anywhere, naming its path', () => {
    const body = JSON.parse('{"customer":{"id":"a\\ud800b"}}');
    expect(sanitizeBody(body)).toEqual({
      ok: false,
      error: { field: 'customer.id', messages: ['customer.id contains a lone UTF-16 surrogate (invalid Unicode)'] },
    });
  });

  it('refuses control characters in keys', () => {
    const out = sanitizeBody({ attributes: { 'a\u0000b': 'x' } });
    expect(out).toEqual({ ok: false, error: { field: 'attributes', messages: ['a key of attributes contains control characters or invalid Unicode'] } });
  });
});
