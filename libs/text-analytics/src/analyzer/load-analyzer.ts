import { resolve } from 'path';
import type { Analyzer, AnalyzerSpec } from '../types';
import { DefaultAnalyzer } from './default-analyzer';

interface AnalyzerModule {
  createAnalyzer?: (options?: Record<string, unknown>) => Analyzer | Promise<Analyzer>;
  default?: Analyzer | ((options?: Record<string, unknown>) => Analyzer | Promise<Analyzer>);
}

function isAnalyzer(value: unknown): value is Analyzer {
  const candidate = value as Partial<Analyzer> | null;
  return !!candidate && typeof candidate.analyze === 'function' && typeof candidate.name === 'string' && typeof candidate.version === 'string';
}

/**
 * Analyzer from configuration (no code change needed to swap it):
 *  - `{ kind: 'default' }` (or nothing): the built-in analyzer; `modelDir` overrides where its models live.
 *  - `{ kind: 'module', path }`: a CommonJS module (resolved against the working directory) exporting
 *    `createAnalyzer(options)` (sync or async), a default factory, or a default `Analyzer` object.
 *    Use it to plug in e.g. a transformer-model wrapper behind the same interface.
 */
export async function loadAnalyzer(spec: AnalyzerSpec = {}): Promise<Analyzer> {
  if ((spec.kind ?? 'default') === 'default') return DefaultAnalyzer.fromModelDir(spec.modelDir);
  if (!spec.path) throw new Error("loadAnalyzer: kind 'module' needs a path");
  const loaded = require(resolve(process.cwd(), spec.path)) as AnalyzerModule;
  const factory = loaded.createAnalyzer ?? (typeof loaded.default === 'function' ? loaded.default : undefined);
  const analyzer = factory ? await factory(spec.options) : loaded.default;
  if (!isAnalyzer(analyzer)) throw new Error(`loadAnalyzer: ${spec.path} does not provide an Analyzer (name, version, analyze)`);
  return analyzer;
}
