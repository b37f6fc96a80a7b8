// Realistic mixed feedback for load runs: several channels and languages, customers with values, a
// fixed share of detractors. Seeded, so every run sends the same items.

const TEXTS: Record<'negative' | 'neutral' | 'positive', string[]> = {
  negative: [
    'Pengiriman terlambat tiga hari dan kurirnya tidak sopan.',
    'ส่งของช้ามาก พนักงานไม่สุภาพ ไม่ประทับใจเลย',
    '배송이 너무 늦었고 고객센터 연결이 안 됩니다.',
    'A csomag egy hetet késett, és senki nem válaszolt a panaszomra.',
    'I was charged twice and nobody answers my emails. Unacceptable.',
    'The app keeps crashing when I try to pay.',
    'Harga terlalu mahal dibanding toko lain.',
  ],
  neutral: ['Paketnya sampai hari Selasa.', 'The order arrived on Tuesday.', 'สั่งของไปเมื่อวาน', 'Az ügyintézés rendben volt.'],
  positive: [
    'Aplikasinya mudah dipakai, pembayaran cepat. Mantap!',
    'A kiszállítás gyors volt, a termék kiváló minőségű.',
    'Staff at the store were super helpful today, thanks!',
    '직원이 친절하고 배송도 빨랐어요.',
    'บริการดีมาก ส่งของเร็ว ประทับใจ',
  ],
};
const TOUCHPOINTS = ['delivery', 'checkout', 'support', 'billing', 'store', 'onboarding'];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedItem {
  externalId: string;
  channel: string;
  occurredAt: string;
  text: string;
  scores?: Record<string, number>;
  customer: { id: string; segment: string; annualValue: number };
  touchpoint: { journey: string };
}

export interface GeneratorOptions {
  /** Detractors answer the score only, no comment: no themes, so no emerging issue can inhibit their alerts. */
  scoreOnlyDetractors?: boolean;
  /** Every item from a different customer, so each detractor opens its own case and pages. */
  uniqueCustomers?: boolean;
}

/** `detractorShare` of the items are NPS surveys scoring 0-6 (the ones routing alerts on). */
export function generateItems(
  count: number,
  prefix: string,
  detractorShare = 0.3,
  seed = 42,
  anchor = Date.now(),
  spreadMs = 3600_000,
  options: GeneratorOptions = {},
): GeneratedItem[] {
  const random = mulberry32(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    const detractor = random() < detractorShare;
    const mood = detractor ? 'negative' : random() < 0.5 ? 'positive' : 'neutral';
    const channel = detractor ? 'survey' : pick(['survey', 'review', 'chat', 'social', 'support_ticket']);
    const scores: Record<string, number> | undefined =
      channel === 'survey'
        ? { nps: detractor ? Math.floor(random() * 7) : 7 + Math.floor(random() * 4) }
        : channel === 'review'
          ? { rating: mood === 'positive' ? 5 : 3 }
          : undefined;
    return {
      externalId: `${prefix}-${i}`,
      channel,
      occurredAt: new Date(anchor - Math.floor(random() * spreadMs)).toISOString(),
      text: detractor && options.scoreOnlyDetractors ? '' : pick(TEXTS[mood]),
      ...(scores ? { scores } : {}),
      customer: { id: options.uniqueCustomers ? `${prefix}-cust-${i}` : `cust-${Math.floor(random() * 20000)}`, segment: pick(['smb', 'consumer', 'enterprise']), annualValue: Math.round(100 + random() * 20000) },
      touchpoint: { journey: pick(TOUCHPOINTS) },
    };
  });
}
