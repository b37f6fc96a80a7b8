import { defineTable } from '@loops/store';

/** A row of `analyses`, owned by sentiment: one analyzer version's reading of one feedback item. */
export interface AnalysisRow {
  feedback_event_id: string;
  analyzer_name: string;
  analyzer_version: string;
  tenant_id: string;
  language: string;
  sentiment_label: string;
  sentiment_score: number;
  sentiment_confidence: number;
  themes: unknown[];
  key_phrases: unknown[];
  analyzed_at: string;
  /** The feedback's occurred_at: the partition column (a redelivered event always carries it unchanged). */
  occurred_at: string;
}

export const ANALYSES = defineTable<AnalysisRow>({
  name: 'analyses',
  columns: {
    feedback_event_id: 'uuid',
    analyzer_name: 'text',
    analyzer_version: 'text',
    tenant_id: 'text',
    language: 'text',
    sentiment_label: 'text',
    sentiment_score: 'float8',
    sentiment_confidence: 'float8',
    themes: 'jsonb',
    key_phrases: 'jsonb',
    analyzed_at: 'timestamptz',
    occurred_at: 'timestamptz',
  },
  conflictKey: ['feedback_event_id', 'analyzer_name', 'analyzer_version', 'occurred_at'],
});
