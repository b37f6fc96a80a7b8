import { contractValidator, describeErrors, FeedbackAnalyzed, sampleReceived } from '@loops/contracts';
import { loadAnalyzer } from '@loops/text-analytics';
import { analyzeFeedback } from './analyze-feedback';

// What sentiment publishes must pass the check routing and root-cause run on it, or every item is
// dead-lettered downstream.
describe('analyzeFeedback', () => {
  it('publishes events that satisfy the FeedbackAnalyzed contract', async () => {
    const analyzer = await loadAnalyzer({ kind: 'default' });
    const received = { ...sampleReceived(), text: 'Pengiriman sangat lambat dan kurirnya kasar. Hubungi saya di [EMAIL]' };
    const [analyzed] = analyzeFeedback(analyzer, [received], undefined, new Date('2026-11-20T08:30:03Z'));
    const result = contractValidator(FeedbackAnalyzed)(JSON.parse(JSON.stringify(analyzed)));
    expect(result.ok ? 'valid' : describeErrors(result.errors)).toBe('valid');
    expect(analyzed.analysis.sentiment).toEqual({ label: 'negative', score: expect.any(Number), confidence: expect.any(Number) });
  });
});
