import { keyDrivers, nps } from './key-drivers';

describe('key-driver analysis', () => {
  // Hand-computed fixture: 10 respondents, 4 promoters, 2 passives, 4 detractors → NPS 0.
  // "delivery" is mentioned by 4 respondents: 0 promoters, 1 passive, 3 detractors → NPS -75.
  // Without them: 6 respondents, 4 promoters, 1 detractor → NPS +50. Impact = 50 − 0 = 50 points.
  // "price" is mentioned by 2 respondents: 1 promoter, 1 detractor → NPS 0; without: 3P 3D of 8 → 0. Impact 0.
  const overall = { npsCount: 10, promoters: 4, detractors: 4 };
  const drivers = keyDrivers(overall, [
    { theme: 'price', mentions: 2, npsCount: 2, promoters: 1, detractors: 1 },
    { theme: 'delivery', mentions: 5, npsCount: 4, promoters: 0, detractors: 3 },
  ]);

  it('ranks themes by the NPS points they cost', () => {
    expect(nps(overall)).toBe(0);
    expect(drivers.map((d) => d.theme)).toEqual(['delivery', 'price']);
    expect(drivers[0]).toMatchObject({ theme: 'delivery', mentions: 5, prevalence: 0.4, npsWith: -75, npsWithout: 50, impact: 50 });
    expect(drivers[1]).toMatchObject({ theme: 'price', npsWith: 0, npsWithout: 0, impact: 0, significant: false });
  });

  it('puts a 95% interval around the impact', () => {
    // var(with) = 10000·(0 + .75 − .5625)/4 = 468.75; var(without) = 10000·(4/6 + 1/6 − 0.25)/6 = 972.22
    // se = 0.4·√1440.97 = 15.18; ci = 50 ± 29.76
    expect(drivers[0].ci95[0]).toBeCloseTo(20.24, 1);
    expect(drivers[0].ci95[1]).toBeCloseTo(79.76, 1);
    expect(drivers[0].significant).toBe(true);
  });
});
