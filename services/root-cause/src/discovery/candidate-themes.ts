import { CandidateTheme, Complaint, discoverThemes } from '@loops/text-analytics';

export type { CandidateTheme };

/** An unthemed negative complaint as root-cause stores it (facts joined with complaint_texts). */
export interface UnthemedComplaint {
  feedbackEventId: string;
  touchpoint: string;
  occurredAt: Date;
  language: string | null;
  text: string;
}

/** Touchpoint of a fact that did not carry one (see facts/feedback-fact.ts UNKNOWN). */
const UNKNOWN_TOUCHPOINT = '-';

export function complaintOf(item: UnthemedComplaint): Complaint {
  return {
    id: item.feedbackEventId,
    text: item.text,
    touchpoint: item.touchpoint === UNKNOWN_TOUCHPOINT ? undefined : item.touchpoint,
    occurredAt: item.occurredAt.toISOString(),
    language: item.language ?? undefined,
  };
}

/**
 * Candidate themes from negative feedback that matched no theme: the same discovery as `npm run discover`
 * (@loops/text-analytics), so what an analyst sees here is what the CLI reports on the same complaints.
 */
export function candidateThemes(items: UnthemedComplaint[], maxCandidates = 50): CandidateTheme[] {
  return discoverThemes(items.map(complaintOf), { maxCandidates });
}
