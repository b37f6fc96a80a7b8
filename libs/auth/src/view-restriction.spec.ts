import { HttpException } from '@nestjs/common';
import type { Principal } from './api-key.repository';
import { narrowToView, viewValues } from './narrow-to-view';
import { describeRestriction, isRestricted, parseRestrictionList, restrictionFromStore } from './view-restriction';

const key = (restriction: Principal['restriction']): Principal => ({ keyId: 'k', tenantId: 't', integrationId: 'i', scopes: ['reports:read'], itemsPerSecond: null, restriction });

function refusal(fn: () => unknown): { status: number; body: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    const e = error as HttpException;
    return { status: e.getStatus(), body: e.getResponse() as Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}

describe('view restrictions (department keys)', () => {
  it('parses operator lists sorted and de-duplicated, naming every bad name', () => {
    expect(parseRestrictionList('touchpoints', 'delivery, checkout,delivery')).toEqual(['checkout', 'delivery']);
    expect(() => parseRestrictionList('accounts', ' , ')).toThrow('--accounts needs at least one name');
    expect(() => parseRestrictionList('themes', 'ok,"bad,<x>')).toThrow('--themes: not a valid name: "\\"bad", "<x>"');
  });

  it('reads the store: empty lists and non-objects mean the whole tenant', () => {
    expect(restrictionFromStore(null)).toBeNull();
    expect(restrictionFromStore({ touchpoints: [], themes: [] })).toBeNull();
    expect(restrictionFromStore({ touchpoints: ['checkout'], accounts: [] })).toEqual({ touchpoints: ['checkout'] });
    expect(isRestricted({ themes: ['billing'] })).toBe(true);
    expect(describeRestriction({ touchpoints: ['checkout', 'delivery'], accounts: ['acme'] })).toBe('touchpoints checkout, delivery; accounts acme');
  });

  it('passes whole-tenant keys through unchanged', () => {
    expect(narrowToView(key(null), 'touchpoints', undefined)).toBeUndefined();
    expect(narrowToView(key(null), 'touchpoints', 'web')).toBe('web');
    expect(viewValues(key(null), 'accounts')).toBeNull();
  });

  it('forces a single-valued view and refuses anything outside it with 403', () => {
    const owner = key({ touchpoints: ['checkout'] });
    expect(narrowToView(owner, 'touchpoints', undefined)).toBe('checkout');
    expect(narrowToView(owner, 'touchpoints', 'checkout')).toBe('checkout');
    const outside = refusal(() => narrowToView(owner, 'touchpoints', 'delivery'));
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ reason: 'outside_view', message: 'this API key sees only touchpoints checkout; touchpoint "delivery" is outside its view' });
    // A dimension the key is not restricted on stays free.
    expect(narrowToView(owner, 'themes', 'billing')).toBe('billing');
  });

  it('asks a key with several values to choose one (400 naming the parameter)', () => {
    const owner = key({ touchpoints: ['checkout', 'delivery'] });
    const choose = refusal(() => narrowToView(owner, 'touchpoints', undefined));
    expect(choose.status).toBe(400);
    expect(choose.body).toEqual({ error: 'bad_request', errors: [{ field: 'touchpoint', messages: ['this API key sees touchpoints checkout, delivery: choose one with ?touchpoint='] }] });
    expect(narrowToView(owner, 'touchpoints', 'delivery')).toBe('delivery');
  });
});
