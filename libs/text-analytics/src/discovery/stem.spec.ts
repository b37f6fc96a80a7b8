import { stemEnglish, stemHungarian, stemIndonesian, stemKorean, stripKoreanParticle } from './stem';

describe('light stemmers', () => {
  it('sends English inflections of one word to one key', () => {
    expect(new Set(['delay', 'delays', 'delayed', 'delaying'].map(stemEnglish)).size).toBe(1);
    expect(new Set(['cancel', 'cancelled', 'canceled', 'cancellation', 'cancelling'].map(stemEnglish)).size).toBe(1);
    expect(new Set(['refund', 'refunds', 'refunded', 'refunding'].map(stemEnglish)).size).toBe(1);
    expect(new Set(['charge', 'charges', 'charged', 'charging'].map(stemEnglish)).size).toBe(1);
    expect(stemEnglish('bag')).not.toBe(stemEnglish('back'));
  });

  it('strips Indonesian particles, suffixes and prefixes', () => {
    expect(stemIndonesian('paketnya')).toBe('paket');
    expect(stemIndonesian('dikembalikan')).toBe('kembali');
    expect(stemIndonesian('pengiriman')).toBe(stemIndonesian('pengirimannya'));
  });

  it('strips Hungarian case endings and possessives', () => {
    expect(new Set(['csomag', 'csomagot', 'csomagra', 'csomagomra'].map(stemHungarian)).size).toBe(1);
  });

  it('keys Korean words by their stem without particles and endings', () => {
    expect(stemKorean('환불이')).toBe('환불');
    expect(stemKorean('환불해주세요')).toBe('환불');
    expect(stemKorean('지연되었습니다')).toBe(stemKorean('지연'));
    expect(stripKoreanParticle('로그인을')).toBe('로그인');
  });
});
