/**
 * Function words that change how sentiment composes: negators flip the words after them, contrast markers
 * ("but") make the clause after them outweigh the one before, concessive markers ("although") weaken their own
 * clause. Lists are per language; English is always added because customer comments mix it in everywhere.
 */

const NEGATORS: Record<string, string[]> = {
  en: ['not', 'no', 'never', 'nothing', 'none', 'neither', 'nor', 'without', 'hardly', 'cannot', 'cant', 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'wont', 'arent', 'werent', 'havent', 'hasnt', 'wouldnt', 'couldnt', 'shouldnt'],
  id: ['tidak', 'tak', 'gak', 'ga', 'gk', 'nggak', 'ngga', 'enggak', 'engga', 'ndak', 'bukan', 'belum', 'blm', 'jangan', 'tanpa', 'kurang', 'tdk'],
  th: ['ไม่', 'ไม่ได้', 'ไม่มี', 'ไม่เคย', 'อย่า', 'ไม่ค่อย'],
  ko: ['안', '못', '않', '없', '아니'],
  hu: ['nem', 'nincs', 'nincsen', 'sem', 'se', 'ne', 'soha', 'sosem', 'semmi'],
  es: ['no', 'nunca', 'ni', 'sin', 'tampoco', 'jamás', 'nada'],
  de: ['nicht', 'kein', 'keine', 'keinen', 'keiner', 'keinem', 'nie', 'niemals', 'ohne', 'nichts'],
  fr: ['ne', 'pas', 'jamais', 'sans', 'aucun', 'aucune', 'rien'],
  pt: ['não', 'nao', 'nunca', 'sem', 'nem', 'nada', 'jamais'],
};

const CONTRAST: Record<string, string[]> = {
  en: ['but', 'however', 'yet', 'though', 'although_'],
  id: ['tapi', 'tetapi', 'namun', 'tp', 'tpi', 'sayangnya', 'padahal', 'cuma', 'hanya saja'],
  th: ['แต่', 'แต่ว่า', 'ทว่า', 'อย่างไรก็ตาม'],
  ko: ['하지만', '그런데', '그러나', '근데', '그렇지만'],
  hu: ['de', 'viszont', 'azonban', 'ám', 'mégis'],
  es: ['pero', 'sin embargo', 'aunque_'],
  de: ['aber', 'jedoch', 'doch', 'allerdings'],
  fr: ['mais', 'cependant', 'pourtant', 'toutefois'],
  pt: ['mas', 'porém', 'contudo', 'entretanto'],
};

/** "although the room was small, the staff were great": the marked clause is the weaker one. */
const CONCESSIVE: Record<string, string[]> = {
  en: ['although', 'despite', 'even though'],
  id: ['meskipun', 'walaupun', 'walau', 'meski', 'biarpun'],
  th: ['ถึงแม้', 'แม้ว่า', 'แม้'],
  ko: ['비록'],
  hu: ['bár', 'habár', 'noha'],
  es: ['aunque', 'a pesar'],
  de: ['obwohl', 'trotz'],
  fr: ['bien que', 'malgré', 'quoique'],
  pt: ['embora', 'apesar'],
};

/** Korean attaches "but" to the verb: 좋지만 = "good, but". */
export const KOREAN_CONTRAST_SUFFIXES = ['지만'];

export interface MarkerSets {
  negators: Set<string>;
  contrast: Set<string>;
  concessive: Set<string>;
}

const cache = new Map<string, MarkerSets>();

function collect(table: Record<string, string[]>, language: string): Set<string> {
  const words = new Set<string>(table.en);
  for (const word of table[language] ?? []) words.add(word);
  // Multi-word markers are matched by their first word only when it is unambiguous; keep single tokens.
  return new Set([...words].filter((word) => !word.includes(' ')).map((word) => word.replace(/_$/, '')));
}

export function markersFor(language: string): MarkerSets {
  let sets = cache.get(language);
  if (!sets) {
    sets = { negators: collect(NEGATORS, language), contrast: collect(CONTRAST, language), concessive: collect(CONCESSIVE, language) };
    // "de" is "but" only in Hungarian; in es/fr/pt it is "of". Same care for "no" (Spanish negator, English too).
    cache.set(language, sets);
  }
  return sets;
}

/** Irony cues: when present, positive wording is read as negative. Deliberately short: false flips are costly. */
export const SARCASM_MARKERS = ['/s', '🙄', '😒', '🙃', 'yeah right', 'as if', 'thanks a lot', 'thanks for nothing', 'wow just wow', 'terima kasih banyak lho', 'makasih banget lho', 'hebat sekali ya', 'mantap sekali ya', 'ขอบคุณมากนะ', 'เก่งจริงๆ', '참 잘했', '퍽이나', 'na persze', 'köszi szépen'];
