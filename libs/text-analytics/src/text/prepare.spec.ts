import { prepareText, tokenizePhrase } from './prepare';

describe('prepareText', () => {
  it('cuts clauses at "but" and weighs the second one more', () => {
    const { clauses } = prepareText('The room was nice but the staff were rude', 'en');
    expect(clauses.map((clause) => clause.tokens.join(' '))).toEqual(['the room was nice', 'the staff were rude']);
    expect(clauses[1].weight).toBeGreaterThan(clauses[0].weight);
  });
  it('treats Hungarian "de" as "but", but not Spanish "de"', () => {
    expect(prepareText('a szoba szép volt de a reggeli rossz', 'hu').clauses).toHaveLength(2);
    expect(prepareText('la habitación de hotel', 'es').clauses).toHaveLength(1);
  });
  it('splits at Korean -지만', () => {
    expect(prepareText('가격은 비싸지만 맛있어요', 'ko').clauses).toHaveLength(2);
  });
  it('marks a negation scope of three words', () => {
    const { clauses } = prepareText("I don't like the new app design at all", 'en');
    const negated = clauses[0].tokens.filter((_, index) => clauses[0].negated[index]);
    expect(negated).toEqual(['like', 'the', 'new']);
  });
  it('segments Thai into words and finds แต่', () => {
    const { clauses } = prepareText('อาหารอร่อยแต่บริการช้า', 'th');
    expect(clauses).toHaveLength(2);
    expect(clauses[0].tokens).toContain('อาหาร');
  });
  it('squeezes elongations and drops URLs and mentions', () => {
    expect(prepareText('bagussssss @shop https://x.co/abc', 'id').clauses[0].tokens).toEqual(['baguss']);
    expect(prepareText('อร่อยยยยย', 'th').clauses[0].tokens).toEqual(['อร่อย']);
  });
  it('tokenizes taxonomy phrases like text', () => {
    expect(tokenizePhrase('Wi-Fi')).toEqual(['wi', 'fi']);
    expect(tokenizePhrase('ส่งของช้า')).toEqual(['ส่ง', 'ของ', 'ช้า']);
  });
});
