import { EntityManager } from 'typeorm';
import { FeedbackAnalyzedV2 } from '@loops/contracts';
import { bulkInsert } from '@loops/store';

export const COMPLAINT_TEXT_COLUMNS = ['feedback_event_id', 'tenant_id', 'occurred_at', 'language', 'text'] as const;

/** What a customer wrote (already redacted upstream); a review's title is part of what it says. */
export function complaintText(item: FeedbackAnalyzedV2): string {
  const { title, text } = item.feedback;
  return title && title.trim() ? `${title.trim()}. ${text}` : text;
}

/**
 * Rows of complaint_texts for the items that became facts in this batch: only negative feedback with words,
 * the only feedback candidate themes are discovered from (the store keeps no more text than it needs).
 */
export function complaintTextRows(items: FeedbackAnalyzedV2[], freshIds: Set<string>): unknown[][] {
  const rows = new Map<string, unknown[]>();
  for (const item of items) {
    const f = item.feedback;
    if (!freshIds.has(f.eventId) || item.analysis.sentiment.label !== 'negative') continue;
    const text = complaintText(item);
    if (!text.trim()) continue;
    const language = item.analysis.language === 'und' ? null : item.analysis.language;
    rows.set(f.eventId, [f.eventId, f.tenantId, new Date(f.occurredAt), language, text]);
  }
  return [...rows.values()];
}

/** Written in the transaction that admits the facts, so a redelivered event adds nothing twice. */
export async function storeComplaintTexts(m: EntityManager, items: FeedbackAnalyzedV2[], freshIds: Set<string>): Promise<void> {
  await bulkInsert(m, {
    table: 'complaint_texts',
    columns: [...COMPLAINT_TEXT_COLUMNS],
    rows: complaintTextRows(items, freshIds),
    onConflict: 'ON CONFLICT (feedback_event_id) DO NOTHING',
  });
}
