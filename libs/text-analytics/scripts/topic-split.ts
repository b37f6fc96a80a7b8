import { hashString, mix } from '../src/features/hash';
import { lexiconFor } from '../src/sentiment/lexicon';
import { markersFor } from '../src/text/markers';
import { prepareText } from '../src/text/prepare';
import { isStopword } from '../src/text/stopwords';
import type { LabeledText } from './data';

/**
 * A topic-disjoint split for single-source sets (the proxy for "another source"): rows are grouped by topic word,
 * whole topics are held out, and training never sees a held-out topic word.
 *   - Topic words: the 200 words with the highest document frequency (stopwords, negators, numbers, one-letter
 *     tokens and every word with a lexicon valence excluded, so topics are not sentiment words; our stopword lists
 *     are short, so some function words remain).
 *   - A row's topic is its least frequent topic word (the most specific one); rows without one have no topic.
 *   - Held out: topics whose hash (seed 0x70b1c) is 0 mod 4. Test = rows whose topic is held out;
 *     train = rows containing none of the held-out topic words.
 */
export interface TopicSplit {
  train: LabeledText[];
  test: LabeledText[];
  heldOutTopics: string[];
  topics: number;
}

const TOPIC_WORDS = 200;

export function topicDisjointSplit(rows: LabeledText[], language: string): TopicSplit {
  const lexicon = lexiconFor(language);
  const { negators } = markersFor(language);
  const isContent = (word: string): boolean =>
    word.length > 1 && !/^\p{N}+$/u.test(word) && !isStopword(word, language) && !negators.has(word) && lexicon.lookup(word) === undefined && !/\p{Extended_Pictographic}/u.test(word);
  const words = rows.map((row) => new Set(prepareText(row.text, language).clauses.flatMap((clause) => clause.tokens).filter(isContent)));
  const frequency = new Map<string, number>();
  for (const set of words) for (const word of set) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const topics = [...frequency.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOPIC_WORDS).map(([word]) => word);
  const topicSet = new Set(topics);
  const heldOut = new Set(topics.filter((word) => mix(hashString(word, 0x70b1c)) % 4 === 0));
  const train: LabeledText[] = [];
  const test: LabeledText[] = [];
  rows.forEach((row, index) => {
    let topic: string | undefined;
    for (const word of words[index]) if (topicSet.has(word) && (topic === undefined || (frequency.get(word) ?? 0) < (frequency.get(topic) ?? 0))) topic = word;
    if (topic !== undefined && heldOut.has(topic)) test.push(row);
    else if (![...words[index]].some((word) => heldOut.has(word))) train.push(row);
  });
  return { train, test, heldOutTopics: [...heldOut], topics: topics.length };
}
