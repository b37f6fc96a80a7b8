import { existsSync } from 'fs';
import { join } from 'path';
import { LinearModel } from '../model/linear-model';
import { readModelFile } from '../model/model-file';

/** Which trained model serves which language. Languages without one fall back to lexicons. */
export interface SentimentModels {
  threeClass: Map<string, LinearModel>;
  /** Logit weight of the lexicon prior per language (see scoreWithModel); chosen on the dev split. */
  lexiconWeight: Map<string, number>;
  /** Model files that were expected but not found: those languages run on lexicons only. */
  missing: string[];
}

const THREE_CLASS_FILES: Record<string, string> = { id: 'id-smsa.ltm', th: 'th-wisesight.ltm', hu: 'hu-opinhubank.ltm', en: 'en-sentiment.ltm' };
export const DEFAULT_LEXICON_WEIGHTS: Record<string, number> = { id: 0.8, th: 0.5, hu: 0.8, en: 2 };

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
  const { models, missing } = loadAll(modelDir, THREE_CLASS_FILES);
  return { threeClass: models, lexiconWeight: new Map(Object.entries(DEFAULT_LEXICON_WEIGHTS)), missing };
}
