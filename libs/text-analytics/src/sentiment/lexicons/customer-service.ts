/**
 * Customer-service vocabulary the training sets lack (tweets on many topics, movie reviews, news, social posts):
 * what customers write when something went wrong with an order, a flight, a bill or a support call. Values -3..3
 * like the other hand lexicons. Multi-word entries are tokenized like text (Thai is segmented) and matched as
 * consecutive tokens; `word*` is a prefix. Written by hand for this library (Apache-2.0).
 */
export const CUSTOMER_SERVICE_LEXICONS: Record<string, Record<string, number>> = {
  en: {
    delayed: -2, delay: -2, delays: -2, cancelled: -2, canceled: -2, cancellation: -1, cancel: -1, refund: -2, refunds: -2, refunded: -1,
    rebook: -1, rebooked: -1, stuck: -2, stranded: -3, lost: -2, missing: -2, broken: -2, damaged: -2, overbooked: -2, overcharged: -3,
    charged: -1, nobody: -1, waited: -2, waiting: -1, hours: -1, hrs: -1, late: -2, missed: -2, complaint: -2, compensation: -1,
    'on hold': -2, 'still waiting': -3, 'still no': -2, 'no one': -2, 'no response': -3, 'no answer': -2, 'never received': -3, 'never arrived': -3,
    'not received': -3, "hasn't arrived": -3, 'hung up': -3, 'customer service': -1, 'change my flight': -2, 'lost luggage': -3, 'lost bag': -3,
    "haven't received": -3, "didn't receive": -3, "didn't get": -2, "haven't heard": -2, 'never worked': -3, 'not working': -3, "doesn't work": -3,
    "isn't working": -3, 'stopped working': -3, 'keeps crashing': -3, 'problem solved': 3, 'issue resolved': 3, 'sorted it': 2, asap: -1, urgent: -1, 'need to change': -1,
    "won't let me": -2, 'wont let me': -2, "can't log": -2, "can't get through": -3, 'without notice': -2, 'without any notice': -2, 'no notice': -2, 'fix your': -2,
    tarmac: -1, hour: -1, 'been sitting': -1, 'been waiting': -2, why: -1, reimburse: -1, reimbursed: -1, reimbursement: -1, 'got moved': -1, 'no reply': -2, 'no email': -1,
    crashed: -2, crash: -2, crashes: -2, crashing: -2, 'never replied': -3, 'never responded': -3, 'never got back': -3, "didn't reply": -3, "didn't respond": -3,
    'my money back': -2, 'what is going on': -2, 'what happened': -1, 'fix this': -2, 'fix it': -1, 'how long': -1, 'any update': -1, 'no update': -2,
  },
  id: {
    telat: -2, terlambat: -2, dibatalkan: -2, batal: -2, refund: -2, lambat: -2, lemot: -2, gangguan: -2, komplain: -2, keluhan: -2,
    'belum sampai': -3, 'belum diterima': -3, 'tidak sampai': -3, 'tidak ada respon': -3, 'tidak dibalas': -3, 'uang kembali': -2, 'nunggu lama': -3,
    'lama banget': -2, 'masih menunggu': -2, 'sudah lama': -1, cs: -1, kurang: -1, mati: -2, 'tidak bisa': -2, 'gak bisa': -2, 'tdk bisa': -2, 'ga bisa': -2,
    'tidak berfungsi': -3, 'tidak ada': -1, 'gak ada': -1, 'perlu ditingkatkan': -2, 'perlu diperbaiki': -2, 'tolong diperbaiki': -2, diperbaiki: -1, sebaiknya: -1, 'tidak berlaku': -2, 'gak berlaku': -2, 'lagi lagi': -1,
  },
  th: {
    'ยาก': -1, 'นาน': -1, 'รอนาน': -2, 'รอ สาย': -1, 'เกิน ไป': -1, 'โทร ไม่ ติด': -3, 'ติดต่อ ไม่ ได้': -3, 'ไม่ ได้ รับ': -2, 'ยกเลิก': -1,
    'คืน เงิน': -2, 'ล่าช้า': -2, 'ส่ง ช้า': -2, 'ช้า มาก': -2, 'ไม่ ตอบ': -2, 'ไม่ มี ใคร': -2, 'ห่วย แตก': -3, 'เสียเวลา': -2, 'เสีย เวลา': -2,
    'ค้าง': -1, 'ขอบคุณ ที่': 1,
  },
  ko: {
    '느려요': -2, '느림': -2, '늦게*': -2, '안와요': -3, '안 와요': -3, '안 왔어요': -3, '아직도': -1, '불량*': -2, '파손*': -2, '반품*': -1, '교환*': -1,
    '환불*': -2, '연락*': -1, '연결이 안': -2, '전화를 안': -2, '답변이 없*': -3, '기다렸*': -1, '지연*': -2, '취소*': -1, '누락*': -2, '오배송*': -3,
  },
  hu: {
    'késett': -2, 'késés*': -2, 'törölt*': -2, 'töröl*': -1, 'visszatérít*': -2, 'visszautal*': -1, 'várok': -2, 'vártam': -2, 'várakoz*': -1, 'nem működik': -3,
    'nem érkezett': -3, 'még mindig nem': -2, 'még mindig vár*': -2, 'elveszett': -2, 'elveszt*': -2, 'sérült*': -2, 'panasz*': -2, 'reklamáció*': -2, 'felháborító': -3, 'elfogadhatatlan': -3,
  },
};

/**
 * Judgements of service (staff, room, support) that general-purpose training text rarely contains. Unlike the event
 * words above they follow negation: "not rude", "nem kedves". Same fixed weight as the customer-service lexicon.
 */
export const SERVICE_JUDGEMENTS: Record<string, Record<string, number>> = {
  en: {
    rude: -3, unhelpful: -3, useless: -3, unacceptable: -3, ridiculous: -3, disappointed: -3, disappointing: -3, frustrated: -3, frustrating: -3,
    worst: -3, terrible: -3, horrible: -3, awful: -3, dirty: -2, filthy: -3, slow: -2, incompetent: -3, unprofessional: -3, noisy: -2, smelly: -2,
    friendly: 2, helpful: 2, polite: 2, courteous: 2, clean: 2, fast: 1, quick: 1, efficient: 2, professional: 2, comfortable: 2, excellent: 3, smooth: 1,
  },
  id: { jutek: -3, judes: -3, kasar: -2, kotor: -2, bau: -2, berisik: -2, lelet: -2, ramah: 2, sopan: 2, bersih: 2, nyaman: 2, sigap: 2, responsif: 2, cepat: 1 },
  th: { 'สุภาพ': 2, 'บริการ ดี': 2, 'ใส่ใจ': 2, 'รวดเร็ว': 1, 'ไม่ คุ้ม': -2, 'งง': -1, 'หงุดหงิด': -2, 'โมโห': -3, 'โกรธ': -3 },
  ko: { '불친절*': -3, '친절*': 2, '깔끔*': 2, '신속*': 2 },
  hu: { 'udvariatlan*': -3, 'bunkó*': -3, 'segítőkész*': 2, 'udvarias*': 2, 'kedves*': 2, 'gyors*': 1, 'tiszta*': 2, 'koszos*': -2 },
};

/** Words for the service itself that AFINN scores as praise ("support" +2, "care" +2): the support team is no compliment. */
export const SERVICE_NOUNS = ['support', 'care', 'assist', 'assistance', 'cares'];

/**
 * Politeness and greetings are not praise: "please refund me", "thanks for nothing", "can you help?" Their lexicon
 * valence is zeroed in every language (AFINN gives "please" +1, "thanks" +2, "help" +2, "like" +2).
 */
export const POLITENESS_WORDS = [
  'please', 'pls', 'plz', 'thanks', 'thank', 'thx', 'thankyou', 'ty', 'help', 'helping', 'hello', 'hi', 'hey', 'welcome', 'dear', 'hope', 'like', 'kindly', 'appreciate',
  'tolong', 'mohon', 'makasih', 'terima', 'kasih', 'trims', 'tq', 'thx', 'ขอบคุณ', 'กรุณา', 'รบกวน', '감사*', '고맙*', '부탁*', 'köszön*', 'kérem', 'kérlek', 'szíves*',
];
