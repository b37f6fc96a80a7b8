/** Normalization shared by training and inference: the models only ever see text that went through this. */

const URL_PATTERN = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const MENTION_PATTERN = /@[\p{L}\p{N}_]+/gu;
// "bagusssss", "soooo", "555555" (Thai laughter): elongation carries emphasis, not a new word.
const ELONGATION_PATTERN = /(.)\1{2,}/gu;
// Thai elongates the final letter ("อร่อยยยย"); squeezing to one letter restores the dictionary word for segmentation.
const THAI_ELONGATION_PATTERN = /([\u0e01-\u0e4e])\1{2,}/gu;

export function normalizeText(raw: string): string {
  let text = raw.toLowerCase();
  if (text.includes('http') || text.includes('www.')) text = text.replace(URL_PATTERN, ' ');
  if (text.includes('@')) text = text.replace(MENTION_PATTERN, ' ');
  return text.replace(THAI_ELONGATION_PATTERN, '$1').replace(ELONGATION_PATTERN, '$1$1');
}
