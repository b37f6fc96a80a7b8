import { DefaultAnalyzer } from '../analyzer/default-analyzer';
import { combineEvidence } from '../sentiment/combine';
import { DEFAULT_TAXONOMY } from '../themes/default-taxonomy';
import type { AnalysisResult, Analyzer, AnalyzerInput, SentimentLabel, ThemeTaxonomy } from '../types';
import { AdaptedAnalyzer, fitTenantAdapter, type CorrectionExample } from './adapted-analyzer';
import { CompiledSentimentLayer, fitSentimentLayer } from './sentiment-layer';
import { adaptedVersion } from './tenant-adapter';

const shipped = DefaultAnalyzer.fromModelDir();

/**
 * The shipped analyzer's themes and key phrases, with a fixed text distribution: the adaptation math is tested
 * against known inputs, independent of how the shipped sentiment models are retrained.
 */
class FixedSentimentAnalyzer implements Analyzer {
  readonly name = 'fixed';
  readonly version = '9.9.9';
  constructor(private readonly distribution: { negative: number; neutral: number; positive: number }) {}
  analyze(items: AnalyzerInput[], taxonomy?: ThemeTaxonomy): AnalysisResult[] {
    return shipped.analyze(items, taxonomy).map((r) => ({
      ...r,
      sentiment: {
        label: 'positive',
        score: this.distribution.positive - this.distribution.negative,
        confidence: this.distribution.positive,
        probabilities: this.distribution,
      },
      analyzer: { name: this.name, version: this.version },
    }));
  }
}

const POLITE_POSITIVE = { negative: 0.1, neutral: 0.2, positive: 0.7 };
const base = new FixedSentimentAnalyzer(POLITE_POSITIVE);

function corrections(
  analyzer: Analyzer,
  items: { text: string; label?: SentimentLabel; added?: string[]; removed?: string[] }[],
): CorrectionExample[] {
  const inputs = items.map((item, i) => ({ id: `c${i}`, text: item.text, language: 'en' }));
  const results = analyzer.analyze(inputs);
  return items.map((item, i) => ({
    input: inputs[i],
    base: results[i],
    label: item.label,
    themesAdded: item.added ?? [],
    themesRemoved: item.removed ?? [],
  }));
}

function adapter(analyzer: Analyzer, items: Parameters<typeof corrections>[1], revision = 1) {
  return fitTenantAdapter({
    tenantId: 'tenant-a',
    revision,
    baseAnalyzer: { name: analyzer.name, version: analyzer.version },
    examples: corrections(analyzer, items),
    themeLabel: (id) => (id === 'refunds' ? 'Refunds' : id),
  });
}

const REFUND_CORRECTIONS = [
  { text: 'Please refund my order, thanks', label: 'negative' as const, added: ['refunds'] },
  { text: 'Thanks, please refund the duplicate charge', label: 'negative' as const, added: ['refunds'] },
  { text: 'Please process my refund quickly, thank you', label: 'negative' as const, added: ['refunds'] },
  // Analysts also confirm items: thanks without a refund stays positive and does not mean "refunds".
  { text: 'Thanks for the friendly help in the store', label: 'positive' as const },
];

function analyzeOne(analyzer: Analyzer, text: string, scores?: AnalyzerInput['scores']): AnalysisResult {
  return analyzer.analyze([{ id: 'x', text, language: 'en', scores }])[0];
}

describe('tenant adaptation: sentiment layer', () => {
  it('is the identity without corrections', () => {
    const layer = fitSentimentLayer([]);
    expect(layer).toEqual({
      bits: 14,
      a: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      b: [0, 0, 0],
      buckets: [],
      weights: [],
    });
    const q = new CompiledSentimentLayer(layer).apply('anything at all', 'en', {
      negative: 0.2,
      neutral: 0.3,
      positive: 0.5,
    });
    expect(q.negative).toBeCloseTo(0.2, 12);
    expect(q.neutral).toBeCloseTo(0.3, 12);
    expect(q.positive).toBeCloseTo(0.5, 12);
  });

  it('a few corrections flip texts like them and leave unrelated texts (almost) where they were', () => {
    const adapted = new AdaptedAnalyzer(base, adapter(base, REFUND_CORRECTIONS));
    const similar = analyzeOne(adapted, 'Please refund my subscription, thanks a lot');
    expect(similar.sentiment.label).toBe('negative');
    expect(similar.sentiment.probabilities!.negative).toBeGreaterThan(0.6);
    for (const unrelated of [
      'Great staff and a lovely clean room',
      'The delivery was late again',
      'The courier never came and nobody answers the phone',
    ]) {
      const result = analyzeOne(adapted, unrelated);
      expect({ unrelated, label: result.sentiment.label }).toEqual({ unrelated, label: 'positive' });
      expect(Math.abs(result.sentiment.probabilities!.positive - POLITE_POSITIVE.positive)).toBeLessThan(
        0.05,
      );
    }
  });

  it('is deterministic: the same corrections give the same adapter', () => {
    expect(adapter(base, REFUND_CORRECTIONS)).toEqual(adapter(base, REFUND_CORRECTIONS));
  });

  it('pools survey evidence again after adapting the text', () => {
    const adapted = new AdaptedAnalyzer(base, adapter(base, REFUND_CORRECTIONS));
    const result = analyzeOne(adapted, 'Please refund my subscription, thanks a lot', { nps: 10 });
    const pooled = combineEvidence(result.sentiment.probabilities!, { nps: 10 });
    expect(result.sentiment.label).toBe(pooled.label);
    expect(result.sentiment.score).toBeCloseTo(pooled.score, 2);
  });

  it('learns from the shipped analyzer as well: corrected towards a label it did not give', () => {
    const text = 'Please refund my order, thanks';
    const given = analyzeOne(shipped, text).sentiment.label;
    const wanted: SentimentLabel = given === 'negative' ? 'positive' : 'negative';
    const adapted = new AdaptedAnalyzer(
      shipped,
      adapter(
        shipped,
        [
          text,
          'Thanks, please refund the duplicate charge',
          'Please process my refund quickly, thank you',
        ].map((t) => ({ text: t, label: wanted })),
      ),
    );
    expect(analyzeOne(adapted, 'Please refund my subscription, thanks a lot').sentiment.label).toBe(wanted);
  });
});

describe('tenant adaptation: themes', () => {
  it('adds a theme analysts added, on new texts that use the same words', () => {
    const adapted = new AdaptedAnalyzer(base, adapter(base, REFUND_CORRECTIONS));
    const hit = analyzeOne(adapted, 'Where is the refund for my broken kettle?').themes.find(
      (t) => t.id === 'refunds',
    );
    expect(hit).toMatchObject({ id: 'refunds', label: 'Refunds', matches: ['refund'] });
    expect(analyzeOne(adapted, 'Thanks for the lovely dinner').themes.map((t) => t.id)).not.toContain(
      'refunds',
    );
  });

  it("does not learn phrases common in the tenant's feedback at large", () => {
    const callbacks = [
      'Please call me back about my card, thanks',
      'Thanks, please call me back about the card fee',
      'Could someone call me back about my blocked card please',
    ].map((text) => ({ text, added: ['callbacks'] }));
    const background = Array.from({ length: 100 }, (_, i) =>
      i % 3 === 0 ? ['card payment declined'] : i % 3 === 1 ? ['please help', 'card'] : ['app login'],
    );
    const examples = corrections(base, callbacks);
    const learn = (bg: string[][]) =>
      fitTenantAdapter({
        tenantId: 't',
        revision: 1,
        baseAnalyzer: base,
        examples,
        themeLabel: (id) => id,
        background: bg,
      }).themes.added.find((r) => r.themeId === 'callbacks')!.phrases;
    expect(learn([])).toEqual(expect.arrayContaining(['card', 'please']));
    const learned = learn(background);
    expect(learned).toContain('call');
    expect(learned).not.toContain('card');
    expect(learned).not.toContain('please');
  });

  it('drops a theme analysts removed more often than they kept it', () => {
    const text = 'The app is so cool, my delivery guy showed me';
    const before = analyzeOne(base, text).themes.find((t) => t.id === 'delivery');
    expect(before).toBeDefined();
    const model = adapter(base, [
      { text, removed: ['delivery'] },
      { text: 'My delivery guy was friendly', removed: ['delivery'] },
    ]);
    expect(model.sentiment).toBeNull();
    const adapted = new AdaptedAnalyzer(base, model);
    expect(analyzeOne(adapted, 'Our delivery guy recommended it').themes.map((t) => t.id)).not.toContain(
      'delivery',
    );
  });

  it('never changes what another tenant (the shared analyzer, same taxonomy object) sees', () => {
    const text = 'Where is the refund for my broken kettle?';
    const taxonomy = { ...DEFAULT_TAXONOMY };
    const before = base.analyze([{ id: 'x', text, language: 'en' }], taxonomy)[0];
    new AdaptedAnalyzer(base, adapter(base, REFUND_CORRECTIONS)).analyze(
      [{ id: 'x', text, language: 'en' }],
      taxonomy,
    );
    expect(base.analyze([{ id: 'x', text, language: 'en' }], taxonomy)[0]).toEqual(before);
    expect(before.themes.map((t) => t.id)).not.toContain('refunds');
  });
});

describe('tenant adaptation: versions', () => {
  it('names the adapter revision and fits the contract (32 characters)', () => {
    expect(new AdaptedAnalyzer(base, adapter(base, REFUND_CORRECTIONS, 12)).version).toBe('9.9.9+adapt.12');
    expect(adaptedVersion('2026.11.25-calibrated-temperature-v3', 123456)).toHaveLength(32);
    expect(adaptedVersion('2026.11.25-calibrated-temperature-v3', 123456).endsWith('+adapt.123456')).toBe(
      true,
    );
  });
});
