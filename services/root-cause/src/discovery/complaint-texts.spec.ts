import { FeedbackAnalyzed, SentimentLabel } from '@loops/contracts';
import { complaintText, complaintTextRows } from './complaint-texts';

function analyzed(id: string, label: SentimentLabel, text: string, extra: { title?: string; language?: string } = {}): FeedbackAnalyzed {
  return {
    feedback: {
      eventId: id,
      tenantId: 't1',
      integrationId: 'i',
      externalId: id,
      channel: 'review',
      occurredAt: '2026-11-20T10:00:00Z',
      receivedAt: '2026-11-20T10:00:01Z',
      text,
      title: extra.title,
      scores: {},
      redactions: [],
    },
    analysis: {
      language: extra.language ?? 'en',
      languageConfidence: 1,
      sentiment: { label, score: label === 'negative' ? -0.8 : 0.5, confidence: 0.9 },
      themes: [],
      keyPhrases: [],
      analyzer: { name: 'fixture', version: '1' },
      analyzedAt: '2026-11-20T10:00:02Z',
    },
  } as FeedbackAnalyzed;
}

describe('complaint texts (the redacted words root-cause keeps)', () => {
  it('keeps the words of fresh feedback of any sentiment, with the title in front, and skips empty ones', () => {
    const rows = complaintTextRows(
      [
        analyzed('a', 'negative', 'Refund never arrived', { title: 'Angry' }),
        analyzed('b', 'positive', 'Lovely'),
        analyzed('c', 'negative', 'Seen before'),
        analyzed('d', 'negative', '   '),
        analyzed('e', 'negative', 'Bahasa campur', { language: 'und' }),
      ],
      new Set(['a', 'b', 'd', 'e']),
    );
    expect(rows).toEqual([
      { feedback_event_id: 'a', tenant_id: 't1', occurred_at: new Date('2026-11-20T10:00:00Z'), language: 'en', text: 'Angry. Refund never arrived' },
      { feedback_event_id: 'b', tenant_id: 't1', occurred_at: new Date('2026-11-20T10:00:00Z'), language: 'en', text: 'Lovely' },
      { feedback_event_id: 'e', tenant_id: 't1', occurred_at: new Date('2026-11-20T10:00:00Z'), language: null, text: 'Bahasa campur' },
    ]);
  });

  it('uses the text alone when there is no title', () => {
    expect(complaintText(analyzed('a', 'negative', 'Late again'))).toBe('Late again');
  });
});
