import { FeedbackAnalyzed, FeedbackReceived, validateContract } from '@loops/contracts';
import { AdaptedAnalyzer, DefaultAnalyzer, fitTenantAdapter } from '@loops/text-analytics';
import { analyzeFeedback, analyzerInput } from './analyze-feedback';

const analyzer = DefaultAnalyzer.fromModelDir();

function received(text: string, i: number): FeedbackReceived {
  return {
    eventId: `00000000-0000-4000-8000-00000000000${i}`,
    tenantId: 'acme',
    integrationId: 'helpdesk',
    externalId: `e-${i}`,
    channel: 'support_ticket',
    occurredAt: '2026-11-24T10:00:00.000Z',
    receivedAt: '2026-11-24T10:00:01.000Z',
    text,
    scores: { nps: i === 0 ? 3 : undefined },
    redactions: [],
  };
}

const items = [
  'The courier lost my parcel and nobody answers',
  'Please call me back about my card, thanks',
].map(received);

describe('analyzeFeedback', () => {
  it('publishes events the consumers accept: exactly the contract, whichever analyzer produced them', () => {
    const adapter = fitTenantAdapter({
      tenantId: 'acme',
      revision: 1,
      baseAnalyzer: analyzer,
      examples: analyzer
        .analyze([analyzerInput(items[1])])
        .map((base) => ({
          input: analyzerInput(items[1]),
          base,
          label: 'negative' as const,
          themesAdded: ['callbacks'],
          themesRemoved: [],
        })),
      themeLabel: () => 'Call-backs',
    });
    for (const a of [analyzer, new AdaptedAnalyzer(analyzer, adapter)]) {
      for (const event of analyzeFeedback(a, items)) {
        const wire = JSON.parse(JSON.stringify(event)) as unknown;
        const checked = validateContract(FeedbackAnalyzed, wire);
        expect({ version: a.version, errors: checked.ok ? [] : checked.errors }).toEqual({
          version: a.version,
          errors: [],
        });
        expect(Object.keys(event.analysis.sentiment).sort()).toEqual(['confidence', 'label', 'score']);
      }
    }
  });
});
