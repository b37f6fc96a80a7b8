import { DefaultAnalyzer } from '../analyzer/default-analyzer';
import type { AnalysisResult } from '../types';

// Behaviour of the shipped models on hand-written customer feedback (not training rows): the cases that broke
// before (politeness read as praise, angry requests read as neutral, Thai "not" over-triggering, Korean unscored).
const analyzer = DefaultAnalyzer.fromModelDir();

function analyze(text: string, language?: string): AnalysisResult {
  return analyzer.analyze([{ id: 'x', text, language }])[0];
}

describe('sentiment on customer-service text: politeness is not praise', () => {
  it.each([
    ['en', 'I still haven\'t received my refund, please advise'],
    ['en', 'Please help, I need to change my flight and nobody answers the phone'],
    ['en', '@airline thanks for nothing, my flight was delayed 3 hours'],
    ['en', 'need to change my flight asap'],
    ['en', 'where is my refund'],
    ['en', 'my bag was lost and no one will help me'],
    ['en', 'The app crashed twice at checkout and support never replied.'],
    ['id', 'Tolong dibantu, paket saya belum sampai sudah seminggu'],
    ['th', 'ขอบคุณค่ะ แต่ยังไม่ได้รับของเลย'],
    ['ko', '감사합니다. 그런데 아직도 환불이 안 됐어요'],
    ['hu', 'Köszönöm, de még mindig nem érkezett meg a csomagom'],
  ])('%s: "%s" is negative', (language, text) => {
    expect(analyze(text, language).sentiment.label).toBe('negative');
  });

  it.each([
    ['en', 'Thanks so much, the crew was amazing!'],
    ['en', 'Thank you for the quick response, problem solved'],
    ['id', 'Terima kasih, pelayanannya cepat dan ramah'],
    ['th', 'ส่งของเร็วมาก ขอบคุณครับ'],
  ])('%s: "%s" is still positive', (language, text) => {
    expect(analyze(text, language).sentiment.label).toBe('positive');
  });
});

describe('sentiment: questions are not praise', () => {
  it.each([
    ['en', 'Can you tell me when the new store opens?'],
    ['en', 'Is the lounge open on Sundays?'],
    ['en', 'hi, can you please DM me about my booking?'],
    ['id', 'Apakah toko buka hari Minggu?'],
    ['th', 'ร้านเปิดกี่โมงคะ'],
  ])('%s: "%s" is neutral', (language, text) => {
    expect(analyze(text, language).sentiment.label).toBe('neutral');
  });
});

describe('sentiment: negation, contrast and emoji per language', () => {
  it.each([
    ['en', 'The food was not good at all', 'negative'],
    ['en', 'Great seats but the wifi never worked', 'negative'],
    ['en', 'Waiting on hold for 2 hours 😡', 'negative'],
    ['en', 'love the new app update 😍', 'positive'],
    ['id', 'Makanannya enak tapi pelayanannya lambat sekali', 'negative'],
    ['th', 'พนักงานไม่ค่อยสุภาพ', 'negative'],
    ['th', 'อร่อยไม่แพง', 'positive'],
    ['en', 'not happy with the service', 'negative'],
    ['id', 'Barangnya tidak sesuai deskripsi', 'negative'],
    ['th', 'อร่อยมาก ประทับใจ 😍', 'positive'],
    ['ko', '배송이 너무 느려요 ㅠㅠ', 'negative'],
    ['ko', '제품 품질이 좋고 배송도 빨라요 추천합니다', 'positive'],
    ['ko', '정말 만족해요 😍', 'positive'],
    ['ko', '고객센터에 전화해도 연결이 안 돼요', 'negative'],
    ['hu', 'Az étel finom volt, de a kiszolgálás borzalmas', 'negative'],
    ['hu', 'Két órát vártam az ügyfélszolgálatra, senki nem vette fel', 'negative'],
  ])('%s: "%s" is %s', (language, text, label) => {
    expect(analyze(text, language).sentiment.label).toBe(label);
  });

  it('reads the live-run Thai complaint (support hard to reach, waited too long) as negative', () => {
    const result = analyze('ติดต่อฝ่ายบริการลูกค้ายากมาก รอสายนานเกินไป');
    expect(result.language).toBe('th');
    expect(result.sentiment.label).toBe('negative');
    expect(result.sentiment.score).toBeLessThan(-0.3);
  });
});

describe('sentiment: calibrated distribution', () => {
  it('reports the text distribution, and confidence is its largest probability when there are no survey scores', () => {
    for (const text of ['배송이 너무 느려요 ㅠㅠ', 'where is my refund', 'Is the lounge open on Sundays?']) {
      const { sentiment } = analyze(text);
      const p = sentiment.probabilities;
      if (!p) throw new Error('probabilities missing');
      expect(p.negative + p.neutral + p.positive).toBeCloseTo(1, 2);
      expect(sentiment.confidence).toBeCloseTo(Math.max(p.negative, p.neutral, p.positive), 2);
      expect(sentiment.score).toBeCloseTo(p.positive - p.negative, 2);
    }
  });

  it('answers neutral when a comment has no words, also for Korean (a binary model)', () => {
    for (const language of ['ko', 'en', 'th']) expect(analyze('...', language).sentiment).toMatchObject({ label: 'neutral', score: 0 });
  });
});
