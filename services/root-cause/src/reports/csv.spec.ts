import { looksLikeFormula, toCsv } from './csv';

describe('toCsv escaping', () => {
  it.each([
    ['-1.68', '-1.68'],
    ['+3', '+3'],
    ['-0.5', '-0.5'],
    ['-.5', '-.5'],
    ['-1e-5', '-1e-5'],
    ['-1.68..47.4', '-1.68..47.4'],
    ['-12..-3', '-12..-3'],
    ['42', '42'],
  ])('leaves the number or numeric range %s untouched', (input, expected) => {
    expect(toCsv([{ v: input }])).toBe(`v\r\n${expected}\r\n`);
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+cmd', "'+cmd"],
    ['-2+3+cmd', "'-2+3+cmd"],
    ['-1.68..47.4+cmd', "'-1.68..47.4+cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['-', "'-"],
    ['-A1', "'-A1"],
    ['- not a number', "'- not a number"],
  ])('quotes the formula-like text %s', (input, expected) => {
    expect(toCsv([{ v: input }])).toBe(`v\r\n${expected}\r\n`);
  });

  it('keeps numbers typed as numbers and ordinary text as they are', () => {
    expect(toCsv([{ a: -1.68, b: 'customer_support', c: 'slow, rude' }])).toBe('a,b,c\r\n-1.68,customer_support,"slow, rude"\r\n');
  });

  it('tells formulas from numbers', () => {
    expect(looksLikeFormula('-1.68')).toBe(false);
    expect(looksLikeFormula('=1+1')).toBe(true);
    expect(looksLikeFormula('-1-1')).toBe(true);
  });
});
