import { extractClauseFeatures } from '../src/features/extract';
import { hashString, mix } from '../src/features/hash';
import { LinearModel } from '../src/model/linear-model';
import { decodeModel, encodeModel } from '../src/model/model-file';
import { prepareText } from '../src/text/prepare';
import { bySplit, dataDirFromArgs, loadSentimentSet, SENTIMENT_SETS } from './data';
import { macroF1 } from './metrics';
import { trainModel, type SentimentRecipe } from './sentiment-training';

/**
 * Hyper-parameter exploration. Never touches test. Scores argmax macro-F1 (no bias calibration) either on the dev
 * split (train on train) or, with CV=k, by k-fold cross-validation over train+dev (steadier for small sets).
 * Grid from env lists: ONLY=<set id> CHAR_MIN=1,2 CHAR_MAX=4,5 EPOCHS=5 L2=0 LR=0.1 BIGRAMS=1 BITS=18 SEEDS=1
 * ALGO=lr|nblr|lr+nblr SCOPE=token|clause NEGCHARS=0|1 CW=balanced|none AVG=0|1, e.g.
 *   CV=5 ONLY=th-wisesight ALGO=nblr LR=0.1,0.2 node -r @swc-node/register libs/text-analytics/scripts/tune.ts
 */
const dataDir = dataDirFromArgs();
const only = process.env.ONLY;
const list = (name: string, fallback: number[]): number[] => (process.env[name] ? process.env[name]!.split(',').map(Number) : fallback);
const grid: SentimentRecipe[] = [];
for (const charMin of list('CHAR_MIN', [1, 2, 3])) for (const charMax of list('CHAR_MAX', [3, 4, 5])) for (const l2 of list('L2', [0, 1e-5])) for (const epochs of list('EPOCHS', [5, 10])) for (const learningRate of list('LR', [0.1])) for (const bigrams of list('BIGRAMS', [1])) {
  if (charMax < charMin + 1) continue;
  grid.push({ features: { bits: Number(process.env.BITS ?? 18), wordBigrams: bigrams === 1, charMin, charMax, charScope: process.env.SCOPE === 'clause' ? 'clause' : 'token', negatedChars: process.env.NEGCHARS === '1' }, epochs, learningRate, l2, averageEpochs: process.env.AVG === '1', seeds: Number(process.env.SEEDS ?? 1), classWeighting: process.env.CW === 'none' ? 'none' : 'balanced', algorithm: (process.env.ALGO ?? 'lr') as 'lr' | 'nblr' | 'lr+nblr' });
}
for (const set of SENTIMENT_SETS) {
  if (only && only !== set.id) continue;
  // SAMPLE=n: every n-th row only (quick exploration on a shared machine).
  const sample = Number(process.env.SAMPLE ?? 1);
  const rows = loadSentimentSet(dataDir, set.file).filter((_, index) => index % sample === 0);
  const folds = Number(process.env.CV ?? 0);
  // CV=k: k-fold cross-validation over train+dev (folds by text hash) for steadier choices than one small dev split.
  const splits: [typeof rows, typeof rows][] =
    folds > 1
      ? Array.from({ length: folds }, (_, fold) => {
          const pool = bySplit(rows, 'train', 'dev');
          const inFold = (text: string): boolean => mix(hashString(text, 0xf01d)) % folds === fold;
          return [pool.filter((row) => !inFold(row.text)), pool.filter((row) => inFold(row.text))];
        })
      : [[bySplit(rows, 'train'), bySplit(rows, 'dev')]];
  for (const recipe of grid) {
    const started = Date.now();
    const scores = splits.map(([train, dev]) => score(train, dev, recipe));
    const f1 = scores.reduce((sum, value) => sum + value, 0) / scores.length;
    console.log(set.id, JSON.stringify({ ...recipe.features, epochs: recipe.epochs, l2: recipe.l2, lr: recipe.learningRate, seeds: recipe.seeds }), f1.toFixed(4), scores.map((value) => value.toFixed(3)).join(' '), `${Date.now() - started}ms`);
  }

  function score(train: typeof rows, dev: typeof rows, recipe: SentimentRecipe): number {
    const model = new LinearModel(decodeModel(encodeModel(trainModel(set.id, train, set.language, recipe, set.labels, {}))));
    const predicted = dev.map((row) => {
      const prepared = prepareText(row.text, set.language);
      const clauses = extractClauseFeatures(prepared, model.features);
      const logits = model.documentLogits(clauses.map((c) => model.clauseSums(c)), prepared.clauses.map((c) => c.weight), clauses.reduce((s, c) => s + c.count, 0));
      let best = 0;
      for (let c = 1; c < logits.length; c++) if (logits[c] > logits[best]) best = c;
      return model.labels[best];
    });
    return macroF1(dev.map((row) => row.label), predicted, set.labels);
  }
}
