import { STOPWORDS } from '../text/stopwords';

/**
 * Words that never name a root cause, on top of the shared stopwords: greetings, politeness, fillers,
 * auxiliaries, question words and chat shorthand ("now", "still", "i'm", "please", "thanks" rank first by
 * count in complaints and say nothing about the cause). Kept here rather than in the shared lists because
 * those also drive language detection and sentiment.
 */
const EXTRA: Record<string, string> = {
  en:
    "i'm im i've ive i'll ill i'd id you're youre you've you'll it's its that's thats there's theres what's whats who's let's lets " +
    "don't dont can't cant won't wont didn't didnt doesn't doesnt isn't isnt wasn't wasnt aren't arent haven't havent hasn't hasnt " +
    "couldn't couldnt wouldn't wouldnt shouldn't shouldnt weren't werent ain't " +
    'now still yet already even ever never always just only why how what when where who whom whose which while whether ' +
    'please pls plz thanks thank thx ty hi hello hey dear sir madam guys folks team yes yeah yep ok okay oh lol omg wtf smh ' +
    'u ur r im amp rt via etc one two three first also else other another any anyone anything anybody someone something somebody ' +
    'us me myself yourself ourselves themselves him himself herself itself must might may shall will would could should can ' +
    'need needs needed want wants wanted like would get gets getting got gotten go goes going gone went come comes came make makes made ' +
    'let know knew see say said tell really actually literally totally seriously much many lot lots every each either neither ' +
    'into onto upon within without through during since until unless though although because cause cuz bc becuase ' +
    'being done doing does did has had having here there then than thing things way today tomorrow yesterday ' +
    'able via per around across still again ago well sure hope hoping trying try tried if else such maybe perhaps anyway',
  id:
    'aja sih dong nih tuh deh kok lho loh yah ya yg gan sis min kak kakak pak bu bapak ibu mas mbak halo hai hallo ' +
    'tolong mohon terima kasih makasih thanks trims tks udh sdh blm gmn gimana bagaimana kenapa knp mengapa apa apakah kapan dimana mana siapa ' +
    'bgt banget sekali udah sudah belum lagi masih terus selalu pernah cuma cuman hanya jg juga pun saat waktu ' +
    'gue gua gw aku saya sy kami kita kalian anda dia ia mereka ini itu tsb tersebut sini situ sana begini begitu gitu gini ' +
    'bisa dapat dpt mau ingin pengen harus perlu boleh akan sedang lg tetap hari kemarin besok nanti tadi sekarang skrg ' +
    'ada adalah ialah yaitu yakni punya sampai hingga sejak setelah sebelum ketika saat agar supaya biar walaupun meskipun ' +
    'lu lo elu elo loe gw gue kau engkau kalian nih sih tuh orang',
  hu:
    'és vagy is sem se de hanem pedig mert hogy ha akkor amikor mikor miért hol hova honnan hogyan mit mi ki kik mely ' +
    'vagyok vagy van vagyunk vagytok vannak voltam voltál volt voltunk voltak lesz lett lenne legyen nincs nincsenek ' +
    'már még csak is nagyon most ma tegnap holnap mindig soha sosem megint újra ismét itt ott ide oda ez az ezt azt ennek annak ' +
    'ezzel azzal ebben abban erre arra ilyen olyan így úgy én te ő mi ti ők engem téged minket nekem neked neki nekünk ' +
    'sajnos kérem kérlek köszönöm köszi szia üdv tisztelt hello egy két kettő három el ki be le fel meg át vissza ' +
    'tud tudok tudom tudtam tudunk kell kellett lehet lehetett akar akarok szeretnék szeretném való ami amit aki akit amely amelyet ' +
    'minden semmi valami valaki senki mindenki egyik másik sok kevés több kicsit eléggé elég teljesen igazán tényleg ' +
    'ben ban ból ből nak nek val vel ra re magát maga magam akinek akik aminek amelyek éves szerinte',
  th:
    'ครับ ค่ะ คะ นะ นะคะ นะครับ จ้ะ จ้า จ๊ะ ฮะ อะ อ่ะ เลย มาก มากๆ ๆ ที่ ได้ แล้ว อะไร ทำไม ยังไง อย่างไร หน่อย ด้วย กว่า ซึ่ง ให้ ' +
    'การ ความ คน ผม ฉัน ดิฉัน เรา เขา คุณ พี่ น้อง แอดมิน แอด ก็ จะ ไป มา อยู่ เป็น คือ มี ไม่ ไม่ได้ ยัง อีก ทุก ทั้ง เคย ช่วย ขอ ' +
    'รบกวน ขอบคุณ สวัสดี วันนี้ เมื่อวาน ตอนนี้ ตั้งแต่ จน ถึง เพราะ ว่า ถ้า หรือ แต่ และ กับ ของ ใน บน จาก โดย นี้ นั้น นี่ นั่น ' +
    'มัน จริง ส่วน เอา อย่าง กู มึง แม่ง เค้า ตัวเอง แบบ ไร เหมือน อยาก รู้ คิด ดู เห็น',
  ko:
    '돼요 돼 되고 되요 안돼요 됐어요 되어 너무 정말 진짜 왜 좀 그냥 이거 저거 그거 이건 그건 저건 합니다 했어요 해요 하는 하고 있는 없는 있어요 없어요 있습니다 없습니다 ' +
    '요 네 아 뭐 제가 저희 저 나 우리 이번 계속 다시 지금 아직 벌써 그리고 그런데 근데 하지만 그래서 그러나 또 또한 ' +
    '어떻게 언제 어디 무슨 무엇 누가 이런 저런 그런 이렇게 저렇게 그렇게 감사합니다 고맙습니다 부탁드립니다 안녕하세요 ' +
    '나 내 너 니 걍 이게 그게 저게 아무리 보고 봤는데 생각',
};

/**
 * Stopwords after light stemming: Korean words are keyed by their first two syllables, so auxiliaries and
 * endings ("있어요" → "있어", "합니다" → "합니") have to be dropped at that level too.
 */
const STEM_EXTRA: Record<string, string> = {
  ko: '생각 본 봤는 보는 보고 있어 있습 있는 없어 없습 없는 했어 했습 했는 합니 하는 하고 해서 해주 해요 하지 되었 됐어 됩니 되는 그리 그런 이런 저런 어떻 제가 저는 너무 정말 진짜 계속 다시 지금 아직 감사 고맙 부탁 안녕',
  en: 'becaus thing someth anyth everyth nothing',
};

const wordSets = new Map<string, Set<string>>();
const ALL_WORDS = new Set([...Object.values(STOPWORDS).flat(), ...Object.values(EXTRA).flatMap((s) => s.split(' '))]);
const ALL_STEMS = new Set(Object.values(STEM_EXTRA).flatMap((s) => s.split(' ')));

function wordsOf(language: string): Set<string> {
  let set = wordSets.get(language);
  if (!set) {
    // English is mixed into feedback everywhere; Thai and Korean words cannot collide with Latin ones.
    const languages = [...new Set([language, 'en', 'th', 'ko'])];
    set = new Set(languages.flatMap((l) => [...(STOPWORDS[l] ?? []), ...(EXTRA[l]?.split(' ') ?? [])]));
    wordSets.set(language, set);
  }
  return set;
}

/** Stopword test for discovery: the language's list plus English (mixed into feedback everywhere). */
export function isDiscoveryStopword(word: string, language: string): boolean {
  return language === 'und' ? ALL_WORDS.has(word) : wordsOf(language).has(word);
}

/** Stem-level stopwords are script-specific (Korean syllables, English stems), so one set serves every language. */
export function isDiscoveryStopStem(stem: string): boolean {
  return ALL_STEMS.has(stem);
}

/**
 * Words that say how the customer feels, not what went wrong. They stay features (they group complaints) but a
 * label names the cause first: "voucher diskon", not "kecewa" (disappointed).
 */
const FEELINGS = new Set(
  (
    'bad worse worst terrible horrible awful disappointed disappointing disappointment angry upset annoyed annoying frustrated ' +
    'frustrating ridiculous unacceptable pathetic disgusting useless poor sad hate hated sucks suck fail failed shame shameful ' +
    'kecewa kesal marah payah parah buruk jelek mengecewakan sebel sebal kapok ' +
    'rossz szörnyű borzalmas csalódott csalódás dühös ' +
    '실망 최악 짜증 화가 별로 ' +
    'แย่ ผิดหวัง โกรธ ห่วย เซ็ง'
  ).split(' '),
);

/** True when every word of a term is a feeling word. */
export function isFeelingTerm(term: string): boolean {
  const words = term.split(' ');
  return words.every((w) => FEELINGS.has(w));
}
