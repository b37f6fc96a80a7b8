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
