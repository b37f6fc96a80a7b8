import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TITLE = '# Loops benchmarks\n\nFigures measured by the scripts named in each section; each run rewrites its own section only.\n';

/** Replaces (or appends) one named section of docs/benchmarks.md, leaving the others as they are. */
export function writeBenchmarkSection(repoRoot: string, id: string, heading: string, body: string): void {
  const dir = join(repoRoot, 'docs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'benchmarks.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : TITLE;
  const begin = `<!-- section:${id} -->`;
  const end = `<!-- /section:${id} -->`;
  const section = `${begin}\n## ${heading}\n\n${body.trim()}\n${end}`;
  const pattern = new RegExp(`${begin}[\\s\\S]*?${end}`);
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
