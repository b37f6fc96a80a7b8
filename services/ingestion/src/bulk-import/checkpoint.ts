import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

/** Where a previous run got to: every line up to `committedLine` was answered, and which of them were rejected. */
export interface CheckpointState {
  committedLine: number;
  /** Lines the API (or the parser) rejected; a re-run sends them again. */
  rejectedLines: number[];
  /** Set when the file changed since the checkpoint, so the run starts over from line 1. */
  restarted?: boolean;
}

/**
 * The progress of an import, written atomically (temp file + rename) after each answered batch, so a crash
 * leaves either the old or the new checkpoint. Resuming re-sends at most the batch in flight at the crash,
 * which is safe: the API answers those items as duplicates.
 *
 * Rejected lines are not progress: they are recorded (as ranges, so a file that was all rejected stays small)
 * and sent again by the next run, because what a user does after a run full of rejects is fix the server
 * (a key, a setting) or the mapping and re-run the same command. If the file itself changed (its size or
 * modification time), its line numbers may no longer mean the same rows, so the run starts over from the
 * first line; the rows already imported come back as duplicates and nothing is imported twice.
 */
export class Checkpoint {
  constructor(
    private readonly path: string,
    private readonly sourceSize: number,
    private readonly sourceModified: number,
  ) {}

  static for(sourcePath: string): Checkpoint {
    const stat = statSync(sourcePath);
    return new Checkpoint(`${sourcePath}.checkpoint`, stat.size, Math.floor(stat.mtimeMs));
  }

  read(): CheckpointState {
    if (!existsSync(this.path)) return { committedLine: 0, rejectedLines: [] };
    const saved = JSON.parse(readFileSync(this.path, 'utf8')) as {
      committedLine: number;
      rejected?: [number, number][];
      sourceSize: number;
      sourceModified?: number;
    };
    const changed = saved.sourceSize !== this.sourceSize || (saved.sourceModified !== undefined && saved.sourceModified !== this.sourceModified);
    if (changed) return { committedLine: 0, rejectedLines: [], restarted: true };
    return { committedLine: saved.committedLine, rejectedLines: expand(saved.rejected ?? []) };
  }

  write(committedLine: number, rejectedLines: Iterable<number>): void {
    const state = { committedLine, rejected: compress(rejectedLines), sourceSize: this.sourceSize, sourceModified: this.sourceModified };
    writeFileSync(`${this.path}.tmp`, JSON.stringify(state));
    renameSync(`${this.path}.tmp`, this.path);
  }
}

/** Sorted line numbers as inclusive ranges: [3, 4, 5, 9] -> [[3, 5], [9, 9]]. */
export function compress(lines: Iterable<number>): [number, number][] {
  const ranges: [number, number][] = [];
  for (const line of [...new Set(lines)].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && line === last[1] + 1) last[1] = line;
    else ranges.push([line, line]);
  }
  return ranges;
}

export function expand(ranges: [number, number][]): number[] {
  return ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}
