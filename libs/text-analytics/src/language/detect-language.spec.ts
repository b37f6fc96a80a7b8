import { detectLanguage } from './detect-language';

describe('detectLanguage', () => {
  it.each([
    ['The delivery was late and nobody answered the phone', 'en'],
    ['Pelayanannya ramah tapi pengirimannya lama banget', 'id'],
    ['A szálloda nagyon szép volt, de a reggeli drága', 'hu'],
    ['El envío llegó tarde y nadie contestó', 'es'],
    ['Die Lieferung kam zu spät und niemand hat geantwortet', 'de'],
    ['La livraison est arrivée en retard, personne ne répond', 'fr'],
    ['O atendimento foi ótimo e a entrega rápida', 'pt'],
    ['ส่งของช้ามาก', 'th'],
    ['배송이 너무 늦어요', 'ko'],
    ['great app, love it', 'en'],
    ['mahal banget', 'id'],
  ])('%s -> %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it('answers und with zero confidence for too little text', () => {
    expect(detectLanguage('ok')).toEqual({ language: 'und', confidence: 0 });
    expect(detectLanguage('12345 !!!')).toEqual({ language: 'und', confidence: 0 });
    expect(detectLanguage('')).toEqual({ language: 'und', confidence: 0 });
  });

  it('gives a confidence in 0..1, higher for longer text', () => {
    const short = detectLanguage('the app crashed');
    const long = detectLanguage('The app crashed twice while I was trying to pay my bill, and support never called back.');
    expect(long.confidence).toBeGreaterThan(short.confidence);
    expect(long.confidence).toBeLessThanOrEqual(1);
  });
});
