import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackAnalyzed } from '@loops/contracts';
import { insertRows } from '@loops/store';
import { ANALYSES } from './analyses.table';

/**
 * Stores analyses keyed by (feedback, analyzer, version): a redelivered event changes nothing, and a
 * reprocess with a new analyzer version adds a row beside the old one.
 */
@Injectable()
export class AnalysisWriter {
  constructor(private readonly dataSource: DataSource) {}

  async write(items: FeedbackAnalyzed[]): Promise<void> {
    await insertRows(
      this.dataSource.manager,
      ANALYSES,
      items.map(({ feedback, analysis }) => ({
        feedback_event_id: feedback.eventId,
        analyzer_name: analysis.analyzer.name,
        analyzer_version: analysis.analyzer.version,
        tenant_id: feedback.tenantId,
        language: analysis.language,
        sentiment_label: analysis.sentiment.label,
        sentiment_score: analysis.sentiment.score,
        sentiment_confidence: analysis.sentiment.confidence,
        themes: analysis.themes,
        key_phrases: analysis.keyPhrases,
        analyzed_at: analysis.analyzedAt,
        occurred_at: feedback.occurredAt,
      })),
    );
  }
}
