import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackAnalyzed } from '@loops/contracts';
import { bulkInsert } from '@loops/store';

/**
 * Stores analyses keyed by (feedback, analyzer, version): a redelivered event changes nothing, and a
 * reprocess with a new analyzer version adds a row beside the old one.
 */
@Injectable()
export class AnalysisWriter {
  constructor(private readonly dataSource: DataSource) {}

  async write(items: FeedbackAnalyzed[]): Promise<void> {
    await bulkInsert(this.dataSource.manager, {
      table: 'analyses',
      columns: [
        'feedback_event_id',
        'analyzer_name',
        'analyzer_version',
        'tenant_id',
        'language',
        'sentiment_label',
        'sentiment_score',
        'sentiment_confidence',
        'themes',
        'key_phrases',
        'analyzed_at',
        'occurred_at',
      ],
      rows: items.map(({ feedback, analysis }) => [
        feedback.eventId,
        analysis.analyzer.name,
        analysis.analyzer.version,
        feedback.tenantId,
        analysis.language,
        analysis.sentiment.label,
        analysis.sentiment.score,
        analysis.sentiment.confidence,
        JSON.stringify(analysis.themes),
        JSON.stringify(analysis.keyPhrases),
        analysis.analyzedAt,
        feedback.occurredAt,
      ]),
      // Partitioned by the feedback's occurred_at, which a redelivered event always carries unchanged.
      onConflict: 'ON CONFLICT (feedback_event_id, analyzer_name, analyzer_version, occurred_at) DO NOTHING',
    });
  }
}
