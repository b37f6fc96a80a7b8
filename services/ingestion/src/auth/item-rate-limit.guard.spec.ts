import { itemCost } from './item-rate-limit.guard';

describe('itemCost', () => {
  it('counts a batch by its items and a single submission as one', () => {
    expect(itemCost({ items: new Array(500).fill({}) })).toBe(500);
    expect(itemCost({ externalId: 'x' })).toBe(1);
  });

  it('charges one for an envelope that is refused with 400 anyway', () => {
    expect(itemCost({ items: [] })).toBe(1);
    expect(itemCost({ items: new Array(1001).fill({}) })).toBe(1);
    expect(itemCost(null)).toBe(1);
  });
});
