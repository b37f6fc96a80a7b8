import { discoverThemes } from './discover-themes';
import { ENGLISH_COMPLAINTS } from './fixtures/english-complaints';
import { Cause, MULTILINGUAL_LANGUAGES, plantedComplaints } from './fixtures/multilingual-complaints';
import type { CandidateTheme } from './types';

function candidateHolding(candidates: CandidateTheme[], ids: string[]): CandidateTheme | undefined {
  return candidates.find((c) => ids.every((id) => c.itemIds.includes(id)));
}

describe('discoverThemes', () => {
  const candidates = discoverThemes(ENGLISH_COMPLAINTS);
  const idsOf = (cause: string) => ENGLISH_COMPLAINTS.filter((c) => c.cause === cause).map((c) => c.id);

  it('puts "late", "delayed" and "delay" complaints in one candidate, and nothing else in it', () => {
    const saysLate = ENGLISH_COMPLAINTS.filter((c) => /\blate\b/i.test(c.text) && !/delay/i.test(c.text)).map((c) => c.id);
    const saysDelayed = ENGLISH_COMPLAINTS.filter((c) => /\bdelayed\b/i.test(c.text) && !/\blate\b/i.test(c.text)).map((c) => c.id);
    const saysDelay = ENGLISH_COMPLAINTS.filter((c) => /\bdelays?\b/i.test(c.text)).map((c) => c.id);
    expect(saysLate.length).toBeGreaterThan(0);
    expect(saysDelayed.length).toBeGreaterThan(0);
    const delays = candidateHolding(candidates, [...saysLate, ...saysDelayed, ...saysDelay]);
    expect(delays).toBeDefined();
    expect(delays!.itemIds.filter((id) => !id.startsWith('delay-'))).toEqual([]);
    expect(delays!.terms).toEqual(expect.arrayContaining(['late']));
    expect(delays!.terms.some((t) => t.includes('delayed'))).toBe(true);
  });

  it('puts "refund", "refunded" and "money back" complaints in one candidate', () => {
    const refunds = candidateHolding(candidates, idsOf('refund'));
    expect(refunds).toMatchObject({ size: 12, touchpoints: ['support'] });
    expect(refunds!.terms).toEqual(expect.arrayContaining(['refund', 'money back']));
    expect(refunds!.label).toMatch(/^refund \/ money back/);
  });

  it('keeps the planted causes apart, each with a phrase label, examples and touchpoints', () => {
    expect(candidates.map((c) => c.size)).toEqual([12, 12, 12]);
    const bags = candidateHolding(candidates, idsOf('baggage'))!;
    expect(bags.label).toMatch(/lost|luggage|bag/);
    expect(bags.examples).toHaveLength(3);
    for (const example of bags.examples) expect(ENGLISH_COMPLAINTS.find((c) => c.text === example)?.cause).toBe('baggage');
    expect(candidateHolding(candidates, idsOf('delay'))!.touchpoints).toEqual(['app', 'gate']);
  });

  it('never labels a candidate with stopwords, fillers or politeness words', () => {
    const noisy = ENGLISH_COMPLAINTS.map((c, i) => ({ ...c, text: `${['Hi, now', 'Please, I am still', "Thanks, I'm just", 'Why is it'][i % 4]} ${c.text} now please thanks` }));
    const labels = discoverThemes(noisy).flatMap((c) => c.label.split(' / '));
    expect(labels.length).toBeGreaterThan(0);
    for (const word of ['now', 'still', "i'm", 'please', 'thanks', 'just', 'why', 'hi', 'the', 'my']) expect(labels).not.toContain(word);
  });

  it('names a group by its cause, not by how customers feel, even when every complaint says the same', () => {
    const vouchers = ['Voucher diskon tidak bisa dipakai, kecewa sekali', 'Voucher diskon ditolak terus, sangat kecewa', 'Voucher diskon tidak berlaku, kecewa berat'];
    const [only] = discoverThemes(vouchers.map((text, i) => ({ id: `v${i}`, text })));
    expect(only).toMatchObject({ label: 'voucher diskon', size: 3, itemIds: ['v0', 'v1', 'v2'] });
    expect(only.terms).toEqual(['voucher diskon', 'kecewa']);
  });

  it('gives the same candidates for the same input', () => {
    const again = discoverThemes(ENGLISH_COMPLAINTS.map((c) => ({ ...c })));
    expect(JSON.stringify(again)).toBe(JSON.stringify(candidates));
  });

  it('returns no candidates for fewer than two complaints or complaints without words', () => {
    expect(discoverThemes([])).toEqual([]);
    expect(discoverThemes([ENGLISH_COMPLAINTS[0]])).toEqual([]);
    expect(discoverThemes([{ id: 'a', text: '!!!' }, { id: 'b', text: '123 456' }])).toEqual([]);
  });

  describe.each(MULTILINGUAL_LANGUAGES)('planted causes in %s', (language) => {
    const items = plantedComplaints(language);
    const found = discoverThemes(items);
    const expectedWords: Record<string, Record<Cause, RegExp>> = {
      id: { delivery: /pengiriman|paket|kirim|kurir/, refund: /refund|dana|uang/, login: /login|aplikasi/ },
      th: { delivery: /ส่ง|พัสดุ/, refund: /เงินคืน|คืนเงิน/, login: /ล็อกอิน|แอป|ระบบ/ },
      ko: { delivery: /배송|택배/, refund: /환불/, login: /로그인|앱|오류/ },
      hu: { delivery: /csomag|szállítás/, refund: /pénz|visszatérítés/, login: /alkalmazás|bejelentkez/ },
    };

    it('finds each planted cause as its own candidate (>= 75% pure, >= 60% of the cause), named in the language', () => {
      const best = (['delivery', 'refund', 'login'] as Cause[]).map((cause) => {
        const ids = new Set(items.filter((i) => i.cause === cause).map((i) => i.id));
        const scored = found.map((c) => ({ c, hits: c.itemIds.filter((id) => ids.has(id)).length }));
        const top = scored.sort((a, b) => b.hits - a.hits)[0];
        expect(top.hits / top.c.size).toBeGreaterThanOrEqual(0.75);
        expect(top.hits / ids.size).toBeGreaterThanOrEqual(0.6);
        expect(top.c.label).toMatch(expectedWords[language][cause]);
        return top.c;
      });
      expect(new Set(best).size).toBe(3);
    });
  });
});
