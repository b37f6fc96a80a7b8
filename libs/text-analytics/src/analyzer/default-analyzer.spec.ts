import type { AnalysisResult, AnalyzerInput } from '../types';
import { DefaultAnalyzer } from './default-analyzer';

// Uses the shipped models (libs/text-analytics/models): these are behaviour tests of the real analyzer.
const analyzer = DefaultAnalyzer.fromModelDir();

function analyze(text: string, extra: Partial<AnalyzerInput> = {}): AnalysisResult {
  return analyzer.analyze([{ id: 'x', text, ...extra }])[0];
}

function theme(result: AnalysisResult, id: string): AnalysisResult['themes'][number] {
  const hit = result.themes.find((candidate) => candidate.id === id);
  if (!hit) throw new Error(`theme ${id} not found in ${JSON.stringify(result.themes.map((t) => t.id))}`);
  return hit;
}

describe('DefaultAnalyzer: sentiment per language', () => {
  it.each([
    ['en', 'The staff were very helpful and the room was lovely', 'positive'],
    ['en', 'Terrible experience, the app keeps crashing', 'negative'],
    ['id', 'Pelayanannya ramah dan makanannya enak sekali', 'positive'],
    ['id', 'Kecewa banget, barangnya rusak dan pengiriman lama', 'negative'],
    ['th', 'อาหารอร่อยมาก พนักงานน่ารัก ประทับใจ', 'positive'],
    ['th', 'แย่มาก ผิดหวังสุดๆ ไม่มาอีกแล้ว', 'negative'],
    ['ko', '직원이 정말 친절하고 좋아요', 'positive'],
    ['ko', '최악이에요 너무 실망했어요', 'negative'],
    ['hu', 'Nagyon kedves volt a személyzet, minden tökéletes', 'positive'],
    ['hu', 'Borzalmas kiszolgálás, nagyon csalódott vagyok', 'negative'],
    ['es', 'El servicio fue excelente', 'positive'],
    ['de', 'Die Lieferung war schrecklich langsam', 'negative'],
  ])('%s: %s -> %s', (language, text, label) => {
    const result = analyze(text);
    expect(result.language).toBe(language);
    expect(result.sentiment.label).toBe(label);
  });

  it('keeps score and confidence in range and names the analyzer', () => {
    const result = analyze('The delivery was fast');
    expect(result.sentiment.score).toBeGreaterThanOrEqual(-1);
    expect(result.sentiment.score).toBeLessThanOrEqual(1);
    expect(result.sentiment.confidence).toBeGreaterThanOrEqual(0);
    expect(result.sentiment.confidence).toBeLessThanOrEqual(1);
    expect(result.analyzer).toEqual({ name: 'loops-default', version: expect.any(String) });
  });
});

describe('DefaultAnalyzer: negation', () => {
  it('reads "not good" as negative in English', () => {
    expect(analyze('The food was not good at all').sentiment.label).toBe('negative');
  });
  it('reads "tidak enak" as negative in Indonesian', () => {
    expect(analyze('Makanannya tidak enak dan tidak bersih').sentiment.label).toBe('negative');
  });
  it('reads "nem volt jó" as negative in Hungarian', () => {
    expect(analyze('Az étel nem volt jó, nem ajánlom').sentiment.label).toBe('negative');
  });
  it('reads Korean post-verbal negation 좋지 않아요 as negative', () => {
    expect(analyze('서비스가 좋지 않아요').sentiment.label).toBe('negative');
  });
});

describe('DefaultAnalyzer: contrast makes the second clause count more', () => {
  it.each([
    ['en', 'The room was nice but the staff were rude and unhelpful', 'negative'],
    ['id', 'Kamarnya bagus tapi pelayanannya buruk dan mengecewakan', 'negative'],
    ['th', 'ราคาแพงไปหน่อย แต่อร่อยมาก ประทับใจ', 'positive'],
    ['ko', '가격은 비싸지만 맛있어요 최고', 'positive'],
    ['hu', 'A szoba szép volt, de a személyzet borzalmas', 'negative'],
  ])('%s: %s -> %s', (_language, text, label) => {
    expect(analyze(text).sentiment.label).toBe(label);
  });
});

describe('DefaultAnalyzer: emoji, sarcasm, mixed language, unknown language', () => {
  it('takes emoji-only comments as evidence', () => {
    expect(analyze('😡😡😡').sentiment.label).toBe('negative');
    expect(analyze('👍👍😍').sentiment.label).toBe('positive');
  });
  it('lets an emoji tip an otherwise flat comment', () => {
    expect(analyze('Paket sudah sampai hari ini 😍😍').sentiment.label).toBe('positive');
  });
  it('reads praise with an irony cue as a complaint', () => {
    expect(analyze('Great job, another week without my parcel 🙄').sentiment.label).toBe('negative');
    expect(analyze('Oh great, the app crashed again. Thanks a lot').sentiment.label).toBe('negative');
  });
  it('handles Indonesian with English words (code-mixing)', () => {
    const result = analyze('Pelayanannya ramah tapi delivery-nya lama banget, disappointed');
    expect(result.language).toBe('id');
    expect(result.sentiment.label).toBe('negative');
    expect(theme(result, 'delivery').sentiment.label).toBe('negative');
  });
  it('answers und for text it cannot identify, and stays neutral without evidence', () => {
    const result = analyze('12345 ???');
    expect(result.language).toBe('und');
    expect(result.languageConfidence).toBe(0);
    expect(result.sentiment.label).toBe('neutral');
  });
  it('uses a caller-supplied language instead of detecting', () => {
    const result = analyze('ok', { language: 'id-ID' });
    expect(result.language).toBe('id');
    expect(result.languageConfidence).toBe(1);
  });
});

describe('DefaultAnalyzer: survey scores as evidence', () => {
  it('a flat comment with NPS 2 is negative, not neutral', () => {
    expect(analyze('ok', { scores: { nps: 2 } }).sentiment.label).toBe('negative');
    expect(analyze('Paketnya sudah diterima', { scores: { nps: 2 } }).sentiment.label).toBe('negative');
  });
  it('a flat comment with NPS 10 or CSAT 5 is positive', () => {
    expect(analyze('ok', { scores: { nps: 10 } }).sentiment.label).toBe('positive');
    expect(analyze('no comment', { scores: { csat: 5 } }).sentiment.label).toBe('positive');
  });
  it('a passive NPS does not override clear text', () => {
    expect(analyze('Absolutely terrible, the worst support ever', { scores: { nps: 7 } }).sentiment.label).toBe('negative');
  });
  it('a very easy CES pulls a neutral comment up', () => {
    expect(analyze('I changed my address online', { scores: { ces: 7, csat: 5 } }).sentiment.label).toBe('positive');
  });
});

describe('DefaultAnalyzer: themes with aspect sentiment', () => {
  it('gives each theme the sentiment of its own clause', () => {
    const result = analyze('The staff were friendly but the room was dirty');
    expect(theme(result, 'staff_service').sentiment.label).toBe('positive');
    expect(theme(result, 'cleanliness').sentiment.label).toBe('negative');
  });
  it('finds themes in Indonesian, Thai, Korean and Hungarian', () => {
    expect(theme(analyze('Harganya mahal banget, tidak sesuai kualitas'), 'price').sentiment.label).toBe('negative');
    expect(theme(analyze('ส่งของช้ามาก รอนานเป็นอาทิตย์'), 'delivery').id).toBe('delivery');
    expect(theme(analyze('배송이 빨라서 좋아요'), 'delivery').sentiment.label).toBe('positive');
    expect(theme(analyze('A számlázás hibás volt, kétszer terheltek meg'), 'billing').sentiment.label).toBe('negative');
  });
  it('does not invent themes, and offers key phrases instead', () => {
    const result = analyze('The new loyalty points program is confusing');
    expect(result.themes).toEqual([]);
    expect(result.keyPhrases).toContain('new loyalty points');
  });
  it('uses a tenant taxonomy passed per call', () => {
    const taxonomy = { id: 't1', version: '1', themes: [{ id: 'loyalty', label: 'Loyalty program', phrases: { en: ['loyalty', 'points program'], id: ['poin*'] } }] };
    const result = analyzer.analyze([{ id: '1', text: 'The new loyalty points program is confusing' }, { id: '2', text: 'Poinnya hilang semua' }], taxonomy);
    expect(result[0].themes.map((t) => t.id)).toEqual(['loyalty']);
    expect(result[1].themes.map((t) => t.id)).toEqual(['loyalty']);
    expect(result[1].themes[0].sentiment.label).toBe('negative');
  });
});

describe('DefaultAnalyzer: batch contract', () => {
  it('returns one result per input, in order, with ids preserved', () => {
    const items = ['a', 'b', 'c'].map((id) => ({ id, text: `comment ${id}` }));
    expect(analyzer.analyze(items).map((result) => result.id)).toEqual(['a', 'b', 'c']);
  });
  it('survives empty text', () => {
    const result = analyze('');
    expect(result.language).toBe('und');
    expect(result.sentiment.label).toBe('neutral');
    expect(result.themes).toEqual([]);
  });
});
