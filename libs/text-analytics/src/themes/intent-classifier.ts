import { join } from 'path';
import { extractClauseFeatures } from '../features/extract';
import { LinearModel, softmax } from '../model/linear-model';
import { readModelFile } from '../model/model-file';
import { prepareText } from '../text/prepare';

export interface IntentPrediction {
  intent: string;
  confidence: number;
}

/**
 * The "trained classifier" theme option: a linear model over the same hashed features, trained on labeled
 * tickets (scripts/train.ts trains one on Banking77 as the example: models/en-banking77.ltm). Taxonomies cover
 * themes nobody labeled; a trained classifier wins where a tenant has labeled history.
 */
export class IntentClassifier {
  constructor(private readonly model: LinearModel, private readonly language: string) {}

  static fromFile(path: string, language = 'en'): IntentClassifier {
    return new IntentClassifier(new LinearModel(readModelFile(path)), language);
  }

  static banking77(modelDir: string = join(__dirname, '../../models')): IntentClassifier {
    return IntentClassifier.fromFile(join(modelDir, 'en-banking77.ltm'), 'en');
  }

  get intents(): string[] {
    return this.model.labels;
  }

  classify(text: string): IntentPrediction {
    const prepared = prepareText(text, this.language);
    const clauses = extractClauseFeatures(prepared, this.model.features);
    const total = clauses.reduce((sum, clause) => sum + clause.count, 0);
    const logits = this.model.documentLogits(clauses.map((clause) => this.model.clauseSums(clause)), prepared.clauses.map((clause) => clause.weight), total);
    const probabilities = softmax(logits);
    let best = 0;
    for (let c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[best]) best = c;
    return { intent: this.model.labels[best], confidence: probabilities[best] };
  }
}
