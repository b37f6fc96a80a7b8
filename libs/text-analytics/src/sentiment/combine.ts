import type { SentimentResult, SurveyScores } from '../types';
import { confidenceOf, labelOf, scoreOf, type Polarity } from './polarity';
import { surveyEvidence } from './survey-evidence';

/** Combined polarity beyond which the label is polar; inside it, neutral. */
const POLAR_THRESHOLD = 0.2;

/**
 * Text and survey evidence, pooled as a reliability-weighted mean of polarities (each source in [-1, 1]).
 * The text's weight is its confidence: a flat comment ("ok", 60% neutral) is weak evidence and barely moves a
 * detractor's NPS of 2 (-0.9), which therefore ends negative; an emphatic comment can outweigh a middling score.
 * Without survey scores the text's own distribution decides (argmax), unchanged.
 */
export function combineEvidence(text: Polarity, scores: SurveyScores | undefined): SentimentResult {
  const textScore = scoreOf(text);
  const evidence = surveyEvidence(scores);
  if (evidence.length === 0) return { label: labelOf(text), score: textScore, confidence: confidenceOf(text) };
  // Polar text counts in proportion to its polar mass; neutral mass is "no information", not a vote for neutral.
  const textWeight = 1 - text.neutral;
  let weighted = textScore * textWeight;
  let totalWeight = textWeight;
  for (const item of evidence) {
    weighted += item.polarity * item.weight;
    totalWeight += item.weight;
  }
  const score = totalWeight > 0 ? weighted / totalWeight : 0;
  const label = score >= POLAR_THRESHOLD ? 'positive' : score <= -POLAR_THRESHOLD ? 'negative' : 'neutral';
  // Confidence: how far the pooled score is from the nearest decision boundary, scaled into 0.5..1 .
  const distance = label === 'neutral' ? POLAR_THRESHOLD - Math.abs(score) : Math.abs(score) - POLAR_THRESHOLD;
  const range = label === 'neutral' ? POLAR_THRESHOLD : 1 - POLAR_THRESHOLD;
  return { label, score, confidence: 0.5 + 0.5 * Math.min(1, distance / range) };
}
