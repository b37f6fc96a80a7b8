import { existsSync } from 'fs';
import { join } from 'path';
import { LinearModel } from '../model/linear-model';
import { readModelFile } from '../model/model-file';

/** Which trained model serves which language. Languages without one fall back to lexicons. */
export interface SentimentModels {
  threeClass: Map<string, LinearModel>;
  /** Binary polarity models combined with a lexicon (English). */
  polarity: Map<string, LinearModel>;
}

const THREE_CLASS_FILES: Record<string, string> = { id: 'id-smsa.ltm', th: 'th-wisesight.ltm', hu: 'hu-opinhubank.ltm' };
const POLARITY_FILES: Record<string, string> = { en: 'en-wink.ltm' };

function loadAll(modelDir: string, files: Record<string, string>): Map<string, LinearModel> {
  const models = new Map<string, LinearModel>();
  for (const [language, file] of Object.entries(files)) {
    const path = join(modelDir, file);
    // A missing file is not fatal: that language degrades to the lexicon scorer (e.g. before `train` has run).
    if (existsSync(path)) models.set(language, new LinearModel(readModelFile(path)));
  }
  return models;
}

export function loadSentimentModels(modelDir: string): SentimentModels {
  return { threeClass: loadAll(modelDir, THREE_CLASS_FILES), polarity: loadAll(modelDir, POLARITY_FILES) };
}
