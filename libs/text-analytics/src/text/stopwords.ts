/**
 * Very frequent function words per language. Two uses: a vote in language detection for short texts, where
 * trigram statistics are unreliable, and the boundaries of key-phrase candidates.
 */
export const STOPWORDS: Record<string, string[]> = {
  en: 'the a an and or of to in on at for with is are was were be been am it its this that these those i me my we our you your he she they them their his her not no but so very too just also have has had do does did will would can could should there here what when where which who how than then as by from about after before all any some more most only own same out up down over again get got really'.split(' '),
  id: 'yang dan di ke dari ini itu dengan untuk pada adalah tidak tak gak ga nggak ya aja saja juga sudah udah belum akan bisa ada jadi karena kalau kalo tapi tetapi namun atau saya aku kami kita anda kamu dia mereka nya sangat banget sekali lagi masih sama buat oleh dalam para yg dgn utk krn tdk sdh jg lebih kurang mau harus lah kok deh sih dong nih tuh pun agar hanya cuma begitu gitu gini seperti kayak'.split(' '),
  hu: 'a az és hogy nem is egy de van volt már meg csak ez azt mint még el ki be le fel mert vagy sem nagyon lesz lett kell minden ha akkor itt ott igen mi én te ő mi ti ők ezt azt azon ezen után előtt alatt között miatt szerint amely amelyet aki ami pedig sok kicsit nincs voltak vannak lehet'.split(' '),
  es: 'el la los las un una unos unas y o de del al en con por para que es son fue era muy pero no sí se su sus mi mis tu lo le les me nos ya como más menos todo nada cuando donde porque está están estaba esta este esto hay bien mal'.split(' '),
  de: 'der die das den dem des ein eine einen einem einer und oder aber nicht kein keine ist sind war waren wird werden hat haben hatte ich du er sie es wir ihr mit von zu zum zur im in auf für an bei aus nach sehr auch noch schon nur wie als dass so mein meine sich'.split(' '),
  fr: 'le la les un une des du de et ou mais ne pas est sont était été très trop avec pour par sur dans au aux ce cette ces que qui je tu il elle nous vous ils elles mon ma mes son sa ses leur plus moins bien tout rien jamais aussi encore'.split(' '),
  pt: 'o a os as um uma uns umas e ou de do da dos das em no na nos nas com por para que é são foi era muito mas não sim se seu sua meu minha eu ele ela nós eles elas isso isto este esta esse essa mais menos tudo nada quando onde porque está estão bem mal também ainda'.split(' '),
  it: 'il lo la i gli le un una e o di del della in con per che è sono era molto ma non sì si suo sua mio mia io lui lei noi voi loro questo questa quello più meno tutto niente quando dove perché anche ancora'.split(' '),
  nl: 'de het een en of van in op met voor aan dat die dit is zijn was waren niet geen maar ook nog al zeer heel erg ik jij hij zij wij jullie hun mijn je te er als dan wel'.split(' '),
  th: 'ที่ และ ก็ ของ ไม่ มาก จะ ได้ มี เป็น ใน ให้ กับ แล้ว นะ ค่ะ ครับ คะ จ้า อ่ะ เลย ว่า นี้ นั้น ไป มา อยู่ ต้อง กัน คือ แต่ หรือ เรา เขา ผม ฉัน คุณ ทำ ยัง ด้วย จาก โดย อีก ก็ได้ นี่ อะ'.split(' '),
  ko: '이 그 저 것 수 등 및 더 너무 정말 진짜 좀 그냥 다 또 잘 안 못 은 는 이 가 을 를 에 의 도 로 으로 에서 하고 제 저는 나는 우리'.split(' '),
};

/** Frequent feedback words that identify a language but are content words (not stopwords for key phrases). */
const LANGUAGE_HINTS: Record<string, string[]> = {
  en: 'great good love bad app service thanks thank please awesome terrible slow nice'.split(' '),
  id: 'bagus mahal murah enak banget pelayanan kecewa mantap ramah kamar pengiriman barang'.split(' '),
  hu: 'jó rossz nagyon köszönöm szép kedves'.split(' '),
};

const hintSets = new Map<string, Set<string>>(Object.entries(STOPWORDS).map(([language, words]) => [language, new Set([...words, ...(LANGUAGE_HINTS[language] ?? [])])]));

/** Words whose presence votes for a language in detection: its stopwords plus common feedback words. */
export function languageHintSet(language: string): Set<string> | undefined {
  return hintSets.get(language);
}

const sets = new Map<string, Set<string>>(Object.entries(STOPWORDS).map(([language, words]) => [language, new Set(words)]));

export function stopwordSet(language: string): Set<string> | undefined {
  return sets.get(language);
}

/** Any-language stopword test: key phrases of mixed-language text must not start or end with "the" or "yang". */
const allStopwords = new Set(Object.values(STOPWORDS).flat());
export function isStopword(word: string, language: string): boolean {
  return sets.get(language)?.has(word) === true || allStopwords.has(word);
}

export const STOPWORD_LANGUAGES = Object.keys(STOPWORDS);
