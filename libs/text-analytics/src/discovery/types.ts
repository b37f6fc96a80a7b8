/** One complaint to discover root causes in (redacted text; the other fields only describe the result). */
export interface Complaint {
  id: string;
  text: string;
  touchpoint?: string;
  occurredAt?: string;
  /** ISO 639-1; detected from the text when absent. */
  language?: string;
}

/** A group of complaints that say the same thing, for an analyst to name and promote into the taxonomy. */
export interface CandidateTheme {
  /** The 2-3 most distinctive phrases of the group, as customers wrote them ("late flight / delayed / hours"). */
  label: string;
  /** Distinctive phrases, most distinctive first (usable as taxonomy phrases when promoting). */
  terms: string[];
  itemIds: string[];
  size: number;
  /** Touchpoints of the items, most frequent first. */
  touchpoints: string[];
  /** Up to three texts that are most typical of the group. */
  examples: string[];
}
