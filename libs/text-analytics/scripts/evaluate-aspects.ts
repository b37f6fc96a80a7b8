import { resolve } from 'path';
import type { DefaultAnalyzer } from '../src/analyzer/default-analyzer';
import { bySplit, readTsv, type Split } from './data';
import { HOTEL_TAXONOMY_ID } from './hotel-taxonomy';
import { microF1 } from './metrics';

export interface AspectReport {
  rows: number;
  mention: { precision: number; recall: number; f1: number };
  perAspect: { aspect: string; f1: number; support: number }[];
  /** Of the aspects both mentioned in gold and found: share whose polarity (sign of the theme score) is right. */
  sentimentAccuracy: number;
  sentimentPairs: number;
}

const ASPECTS = ['ac', 'air_panas', 'bau', 'general', 'kebersihan', 'linen', 'service', 'sunrise_meal', 'tv', 'wifi'];

/** HoASA: an aspect is "mentioned" when its label is not `neut`; its polarity is neg / pos (neg_pos: skipped for polarity). */
export function evaluateAspects(analyzer: DefaultAnalyzer, dataDir: string, split: Split): AspectReport {
  const rows = bySplit(readTsv(resolve(dataDir, 'themes/id-hotel-aspects.tsv'), 'review'), split);
  const results = analyzer.analyze(rows.map((row, index) => ({ id: String(index), text: row.text })), HOTEL_TAXONOMY_ID);
  const gold = new Set<string>();
  const predicted = new Set<string>();
  let polarityRight = 0;
  let polarityPairs = 0;
  rows.forEach((row, index) => {
    for (const aspect of ASPECTS) if (row[aspect] !== 'neut') gold.add(`${index}:${aspect}`);
    for (const theme of results[index].themes) {
      predicted.add(`${index}:${theme.id}`);
      const label = row[theme.id];
      if (label === 'neg' || label === 'pos') {
        polarityPairs++;
        const sign = theme.sentiment.score > 0 ? 'pos' : theme.sentiment.score < 0 ? 'neg' : 'none';
        if (sign === label) polarityRight++;
      }
    }
  });
  const perAspect = ASPECTS.map((aspect) => {
    const only = (pairs: Set<string>): Set<string> => new Set([...pairs].filter((pair) => pair.endsWith(`:${aspect}`)));
    const goldAspect = only(gold);
    return { aspect, f1: microF1(goldAspect, only(predicted)).f1, support: goldAspect.size };
  });
  return { rows: rows.length, mention: microF1(gold, predicted), perAspect, sentimentAccuracy: polarityRight / Math.max(polarityPairs, 1), sentimentPairs: polarityPairs };
}
