/** ISO 639-3 (franc) to ISO 639-1 (what results carry). Languages without a 639-1 code keep their 639-3 code. */
export const ISO3_TO_ISO1: Record<string, string> = {
  eng: 'en', ind: 'id', hun: 'hu', spa: 'es', deu: 'de', fra: 'fr', por: 'pt', ita: 'it', nld: 'nl', vie: 'vi',
  tur: 'tr', pol: 'pl', ron: 'ro', swe: 'sv', ces: 'cs', tgl: 'tl', rus: 'ru', ukr: 'uk', bul: 'bg', srp: 'sr',
  bel: 'be', kaz: 'kk', mkd: 'mk', tha: 'th', kor: 'ko', jpn: 'ja', cmn: 'zh', arb: 'ar', hin: 'hi', ell: 'el', heb: 'he',
};

export function toIso1(code: string): string {
  return ISO3_TO_ISO1[code] ?? code;
}
