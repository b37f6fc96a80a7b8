import { Analysis, FeedbackAnalyzed, FeedbackReceived } from '@loops/contracts';
import type { Analyzer, ThemeTaxonomy } from '@loops/text-analytics';

/** Runs one batch of received feedback through the analyzer: the same code path as the CLI. */
export function analyzeFeedback(analyzer: Analyzer, items: FeedbackReceived[], taxonomy?: ThemeTaxonomy, now = new Date()): FeedbackAnalyzed[] {
  const results = analyzer.analyze(
    items.map((f) => ({
      id: f.eventId,
      text: [f.title, f.text].filter(Boolean).join('. '),
      language: f.languageHint?.slice(0, 2).toLowerCase(),
      tenantId: f.tenantId,
      scores: { nps: f.scores.nps, csat: f.scores.csat ?? f.scores.rating, ces: f.scores.ces },
    })),
    taxonomy,
  );
  return items.map((feedback, i) => {
    const r = results[i];
    const analysis: Analysis = {
      language: r.language,
      languageConfidence: r.languageConfidence,
      // Field by field: the analyzer's result carries more (class probabilities) than the v1 event has.
      sentiment: { label: r.sentiment.label, score: r.sentiment.score, confidence: r.sentiment.confidence },
      themes: r.themes.map((t) => ({ id: t.id, label: t.label, sentiment: { label: t.sentiment.label, score: t.sentiment.score } })),
      keyPhrases: r.keyPhrases.slice(0, 20),
      analyzer: { name: r.analyzer.name, version: r.analyzer.version },
      analyzedAt: now.toISOString(),
    };
    return { feedback, analysis };
  });
}
