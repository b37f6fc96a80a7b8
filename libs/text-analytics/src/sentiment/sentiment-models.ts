import { existsSync } from 'fs';
import { join } from 'path';
import { LinearModel } from '../model/linear-model';
import { readModelFile } from '../model/model-file';

/** Which trained model serves which language (three-class, or negative/positive for Korean). Others use lexicons. */
export interface SentimentModels {
  threeClass: Map<string, LinearModel>;
  /** Logit weight of the lexicon prior per language (see scoreWithModel); from the model file when it has one. */
  lexiconWeight: Map<string, number>;
  /** Model files that were expected but not found: those languages run on lexicons only. */
  missing: string[];
}

export const SENTIMENT_MODEL_FILES: Record<string, string> = { id: 'id-smsa.ltm', th: 'th-wisesight.ltm', hu: 'hu-opinhubank.ltm', en: 'en-sentiment.ltm', ko: 'ko-nsmc.ltm' };
/** Used only when a model file does not carry its own `meta.lexiconWeight` (chosen by cross-validation in train.ts). */
export const DEFAULT_LEXICON_WEIGHTS: Record<string, number> = { id: 0.8, th: 0.5, hu: 0.8, en: 2, ko: 1 };

function loadAll(modelDir: string, files: Record<string, string>): { models: Map<string, LinearModel>; missing: string[] } {
  const models = new Map<string, LinearModel>();
  const missing: string[] = [];
  for (const [language, file] of Object.entries(files)) {
    const path = join(modelDir, file);
    // A missing file is not fatal here (training runs before the files exist); it is reported in
    // `missing` so a service can refuse to start degraded instead of silently scoring worse.
    if (existsSync(path)) models.set(language, new LinearModel(readModelFile(path)));
    else missing.push(path);
  }
  return { models, missing };
}

export function loadSentimentModels(modelDir: string): SentimentModels {
  const { models, missing } = loadAll(modelDir, SENTIMENT_MODEL_FILES);
  const lexiconWeight = new Map(Object.entries(DEFAULT_LEXICON_WEIGHTS));
  for (const [language, model] of models) {
    const fitted = model.data.meta.lexiconWeight;
    if (typeof fitted === 'number') lexiconWeight.set(language, fitted);
  }
  return { threeClass: models, lexiconWeight, missing };
}
