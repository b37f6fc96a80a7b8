import type { SurveyScores } from '../types';

/**
 * Survey answers as sentiment evidence: each score becomes a polarity in [-1, 1] with a reliability weight.
 * NPS: 0-6 detractor, 7-8 passive, 9-10 promoter; the mapping is piecewise linear so 6 is mildly negative and
 * 0 is -1, 7-8 sit near 0 (slightly positive), 10 is +1. CSAT 1-5 and CES 1-7 (7 = easy) are linear around
 * their midpoints. Reliability: an explicit score is strong evidence about how the customer feels overall.
 */
export interface Evidence {
  polarity: number;
  weight: number;
}

const NPS_POLARITY = [-1, -0.95, -0.9, -0.8, -0.7, -0.55, -0.35, 0.05, 0.3, 0.75, 1];
const SCORE_WEIGHT = { nps: 1.2, csat: 1.2, ces: 0.8 };

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function surveyEvidence(scores: SurveyScores | undefined): Evidence[] {
  if (!scores) return [];
  const evidence: Evidence[] = [];
  if (typeof scores.nps === 'number' && Number.isFinite(scores.nps)) {
    evidence.push({ polarity: NPS_POLARITY[Math.round(clamp(scores.nps, 0, 10))], weight: SCORE_WEIGHT.nps });
  }
  if (typeof scores.csat === 'number' && Number.isFinite(scores.csat)) {
    evidence.push({ polarity: (clamp(scores.csat, 1, 5) - 3) / 2, weight: SCORE_WEIGHT.csat });
  }
  if (typeof scores.ces === 'number' && Number.isFinite(scores.ces)) {
    evidence.push({ polarity: (clamp(scores.ces, 1, 7) - 4) / 3, weight: SCORE_WEIGHT.ces });
  }
  return evidence;
}
