import { grants, parseScopes } from './scopes';
import { scopeMissingMessage } from './auth-errors';

describe('scopes', () => {
  it('parses a comma list in canonical order, without duplicates', () => {
    expect(parseScopes('admin, ingest,ingest')).toEqual(['ingest', 'admin']);
  });

  it('refuses unknown or empty scope lists, naming every unknown one', () => {
    expect(() => parseScopes('ingest,write,reports')).toThrow('unknown scope(s) write, reports; known scopes: ingest, reports:read, cases:write, admin');
    expect(() => parseScopes(' , ')).toThrow('--scopes needs at least one of');
  });

  it('grants an endpoint when the key holds any one of its scopes; admin does not imply the others', () => {
    expect(grants(['cases:write'], ['reports:read', 'cases:write'])).toBe(true);
    expect(grants(['admin'], ['ingest'])).toBe(false);
    expect(grants(['admin'], ['reports:read'])).toBe(false);
  });

  it('names the missing scope in the refusal', () => {
    expect(scopeMissingMessage(['admin'])).toBe('this API key lacks the scope admin');
    expect(scopeMissingMessage(['reports:read', 'cases:write'])).toBe('this API key lacks a scope this endpoint needs: one of reports:read, cases:write');
  });
});
