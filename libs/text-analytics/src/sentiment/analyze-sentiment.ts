import { SARCASM_MARKERS } from '../text/markers';
import type { PreparedText } from '../text/prepare';
import { scoreWithLexicon } from './lexicon-scorer';
import { scoreWithModel } from './model-scorer';
import { swapPolarity, type TextSentiment } from './polarity';
import type { SentimentModels } from './sentiment-models';

function hasSarcasmMarker(normalized: string): boolean {
  return SARCASM_MARKERS.some((marker) => normalized.includes(marker));
}

/** Text-only sentiment (document and clauses) with the best scorer available for the language. */
export function analyzeTextSentiment(text: PreparedText, language: string, models: SentimentModels): TextSentiment {
  const model = models.threeClass.get(language);
  const sentiment = model ? scoreWithModel(model, text, language, models.lexiconWeight.get(language) ?? 0) : scoreWithLexicon(text, language);
  // "Great job, another week without my parcel 🙄": praise words plus an irony cue read as complaint.
  if (sentiment.document.positive > sentiment.document.negative && hasSarcasmMarker(text.normalized)) {
    return { document: swapPolarity(sentiment.document), clauses: sentiment.clauses.map(swapPolarity) };
  }
  return sentiment;
}
