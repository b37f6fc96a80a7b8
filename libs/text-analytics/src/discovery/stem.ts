/**
 * Light stemmers for discovery: they only need to send inflections of one word to the same key ("delayed",
 * "delays", "delay"; "dikembalikan", "kembali"; "járatot", "járat"), not to produce dictionary words. The
 * label shows the most frequent surface form of a key, so an ugly stem is never displayed.
 */

const VOWEL = /[aeiouy]/;

function undouble(stem: string): string {
  const n = stem.length;
  if (n >= 4 && stem[n - 1] === stem[n - 2] && !'aeiouslz'.includes(stem[n - 1])) return stem.slice(0, -1);
  return stem;
}

/** English: plural, -ed, -ing, -ly, -ation, final -e; "cancelled", "canceled", "cancellation" → "cancel". */
export function stemEnglish(word: string): string {
  let w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('eed')) w = w.slice(0, -1);
  else if (w.endsWith('ed') && w.length > 4 && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ing') && w.length > 5 && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ation') && w.length > 7) w = undouble(w.slice(0, -5));
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  // British and American spellings double the l differently (cancelled, canceled); "call"/"called" stay together.
  if (w.endsWith('ll') && w.length >= 4) w = w.slice(0, -1);
  return w;
}

const ID_PARTICLES = ['nya', 'lah', 'kah', 'pun'];
const ID_SUFFIXES = ['kan', 'an', 'i'];
const ID_PREFIXES = ['meng', 'meny', 'mem', 'men', 'me', 'peng', 'peny', 'pem', 'pen', 'pe', 'di', 'ter', 'ber', 'be', 'ke', 'se'];

/** Indonesian: particles (-nya, -lah), derivational suffixes (-kan, -an, -i) and prefixes (di-, me-, ber-...). */
export function stemIndonesian(word: string): string {
  let w = word;
  for (const p of ID_PARTICLES) if (w.length > p.length + 3 && w.endsWith(p)) { w = w.slice(0, -p.length); break; }
  for (const s of ID_SUFFIXES) if (w.length > s.length + 4 && w.endsWith(s)) { w = w.slice(0, -s.length); break; }
  for (const p of ID_PREFIXES) if (w.length > p.length + 3 && w.startsWith(p)) { w = w.slice(p.length); break; }
  return w;
}

// Case endings, possessives and plural, longest first; at most two are removed (járatainkat → járat).
const HU_SUFFIXES = [
  'jainkat', 'jaikat', 'ainkat', 'einket', 'junkat', 'ünket', 'unkat',
  'ából', 'éből', 'ában', 'ében', 'ának', 'ének', 'ával', 'ével', 'jával', 'jével',
  'ból', 'ből', 'ban', 'ben', 'ról', 'ről', 'tól', 'től', 'nak', 'nek', 'val', 'vel', 'hoz', 'hez', 'höz', 'ért', 'kor', 'nál', 'nél',
  'ba', 'be', 'ra', 're', 'on', 'en', 'ön', 'ig', 'ja', 'je', 'ai', 'ei', 'ok', 'ek', 'ök', 'ak', 'at', 'et', 'ot', 'öt',
  'om', 'em', 'am', 'ja', 'nk', 'ük', 'uk', 't', 'k', 'm', 'a', 'e', 'i',
];

/** Hungarian: agglutinative, so strip up to two suffixes while at least four letters remain. */
export function stemHungarian(word: string): string {
  let w = word;
  for (let round = 0; round < 2; round++) {
    const suffix = HU_SUFFIXES.find((s) => w.length - s.length >= 4 && w.endsWith(s));
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
  }
  return w.replace(/á$/, 'a').replace(/é$/, 'e');
}

const KO_PARTICLES = ['에서는', '으로는', '에게서', '한테서', '까지는', '에서', '으로', '에게', '한테', '까지', '부터', '처럼', '보다', '은', '는', '이', '가', '을', '를', '에', '의', '도', '로', '만', '과', '와', '랑'];

/**
 * Korean: a word is a stem plus particles and verb endings. Particles are stripped; Sino-Korean nouns (지연,
 * 환불, 배송, 결제) are two syllables and carry the meaning, so a long word is keyed by its first two syllables
 * (지연되었습니다 → 지연, 환불해주세요 → 환불); a character n-gram view of the word.
 */
export function stemKorean(word: string): string {
  const w = stripKoreanParticle(word);
  return w.length >= 3 ? w.slice(0, 2) : w;
}

/** The word without its case particle (로그인을 → 로그인, 앱이 → 앱): how a Korean term is shown in a label. */
export function stripKoreanParticle(word: string): string {
  const particle = KO_PARTICLES.find((p) => word.length > p.length && word.endsWith(p));
  return particle ? word.slice(0, -particle.length) : word;
}

const HANGUL = /[\uac00-\ud7a3]/;
const LATIN_LETTER = /[a-z]/;

export function stemWord(word: string, language: string): string {
  if (HANGUL.test(word)) return stemKorean(word);
  if (!LATIN_LETTER.test(word)) return word;
  if (language === 'id') return stemIndonesian(word);
  if (language === 'hu') return stemHungarian(word);
  return stemEnglish(word);
}
