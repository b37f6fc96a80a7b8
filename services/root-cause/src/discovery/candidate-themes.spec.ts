import { candidateThemes } from './candidate-themes';

describe('candidate themes', () => {
  it('groups unthemed complaints by the word pairs their key phrases share', () => {
    const result = candidateThemes([
      { feedbackEventId: 'a', touchpoint: 'checkout', keyPhrases: ['voucher diskon', 'kecewa'] },
      { feedbackEventId: 'b', touchpoint: 'checkout', keyPhrases: ['kenapa voucher diskon', 'selalu gagal'] },
      { feedbackEventId: 'c', touchpoint: 'app', keyPhrases: ['voucher diskon error', 'payah'] },
      { feedbackEventId: 'd', touchpoint: 'app', keyPhrases: ['login gagal'] },
    ]);
    expect(result[0]).toEqual({ phrase: 'voucher diskon', mentions: 3, touchpoints: ['app', 'checkout'], examples: ['a', 'b', 'c'] });
    expect(result.map((c) => c.phrase)).not.toContain('voucher');
    expect(result.map((c) => c.phrase)).not.toContain('diskon');
    expect(result.find((c) => c.phrase === 'gagal')).toMatchObject({ mentions: 2 });
  });

  it('ignores terms seen only once', () => {
    expect(candidateThemes([{ feedbackEventId: 'a', touchpoint: 't', keyPhrases: ['unique thing'] }])).toEqual([]);
  });
});
