import { EntityManager } from 'typeorm';
import { FeedbackAnalyzedV2 } from '@loops/contracts';
import { insertRows } from '@loops/store';
import { COMPLAINT_TEXTS, ComplaintTextRow } from '../store/root-cause.tables';

/** What a customer wrote (already redacted upstream); a review's title is part of what it says. */
export function complaintText(item: FeedbackAnalyzedV2): string {
  const { title, text } = item.feedback;
  return title && title.trim() ? `${title.trim()}. ${text}` : text;
}

/**
 * Rows of complaint_texts for the items that became facts in this batch: every item with words, redacted as
 * ingestion published it. Candidate themes are discovered from the negative ones (the discovery query joins the
 * facts on sentiment); the dashboard shows the rest as the verbatims behind drivers and themes that lift NPS,
 * and filters on the detected language stored here.
 */
export function complaintTextRows(items: FeedbackAnalyzedV2[], freshIds: Set<string>): ComplaintTextRow[] {
  const rows = new Map<string, ComplaintTextRow>();
  for (const item of items) {
    const f = item.feedback;
    if (!freshIds.has(f.eventId)) continue;
    const text = complaintText(item);
    if (!text.trim()) continue;
    const language = item.analysis.language === 'und' ? null : item.analysis.language;
    rows.set(f.eventId, { feedback_event_id: f.eventId, tenant_id: f.tenantId, occurred_at: new Date(f.occurredAt), language, text });
  }
  return [...rows.values()];
}

/** Written in the transaction that admits the facts, so a redelivered event adds nothing twice. */
export async function storeComplaintTexts(m: EntityManager, items: FeedbackAnalyzedV2[], freshIds: Set<string>): Promise<void> {
  await insertRows(m, COMPLAINT_TEXTS, complaintTextRows(items, freshIds));
}
