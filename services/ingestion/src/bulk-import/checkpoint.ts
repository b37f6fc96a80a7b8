import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

/**
 * The last source line whose batch the API answered. Written atomically (temp file + rename) after
 * each batch, so a crash leaves either the old or the new checkpoint. Resuming re-sends at most the
 * batch in flight at the crash, which is safe: the API answers those items as duplicates.
 */
export class Checkpoint {
  constructor(
    private readonly path: string,
    private readonly sourceSize: number,
  ) {}

  static for(sourcePath: string): Checkpoint {
    return new Checkpoint(`${sourcePath}.checkpoint`, statSync(sourcePath).size);
  }

  read(): number {
    if (!existsSync(this.path)) return 0;
    const saved = JSON.parse(readFileSync(this.path, 'utf8')) as { committedLine: number; sourceSize: number };
    // A different file under the same name must not silently skip its first lines.
    if (saved.sourceSize !== this.sourceSize) throw new Error(`${this.path} belongs to a different version of the file; delete it to start over`);
    return saved.committedLine;
  }

  write(committedLine: number): void {
    writeFileSync(`${this.path}.tmp`, JSON.stringify({ committedLine, sourceSize: this.sourceSize }));
    renameSync(`${this.path}.tmp`, this.path);
  }
}
