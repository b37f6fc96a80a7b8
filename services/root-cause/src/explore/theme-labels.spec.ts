import { readableThemeId, themeLabel } from './theme-labels';

describe('theme labels', () => {
  it("prefers the tenant's label, then the shipped taxonomy's, then the id made readable", () => {
    const tenant = new Map([['delivery', 'Shipping (ours)']]);
    expect(themeLabel('delivery', tenant)).toBe('Shipping (ours)');
    expect(themeLabel('price', tenant)).toBe('Price & value');
    expect(themeLabel('late_refunds', tenant)).toBe('Late refunds');
  });

  it('keeps an id that has no words', () => {
    expect(readableThemeId('__')).toBe('__');
  });
});
