/** Progress on stderr: records, bytes, rate and ETA; redrawn in place on a terminal, a line every 2 s otherwise. */
export class Progress {
  private readonly started = Date.now();
  private lastLine = 0;
  bytes = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(counts: { sent: number; accepted: number; duplicates: number; rejected: number }, final = false): void {
    const now = Date.now();
    if (!final && !this.out.isTTY && now - this.lastLine < 2000) return;
    this.lastLine = now;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const fraction = this.totalBytes > 0 ? Math.min(1, this.bytes / this.totalBytes) : 1;
    const eta = fraction > 0 ? Math.round((seconds / fraction) * (1 - fraction)) : 0;
    const width = 24;
    const bar = '#'.repeat(Math.round(fraction * width)).padEnd(width, '.');
    const text =
      `[${bar}] ${(fraction * 100).toFixed(1)}% ${counts.sent} items ` +
      `(${counts.accepted} accepted, ${counts.duplicates} duplicate, ${counts.rejected} rejected) ` +
      `${Math.round(counts.sent / seconds)} items/s ETA ${final ? 0 : eta}s`;
    this.out.write(this.out.isTTY ? `\r${text}${final ? '\n' : ''}` : `${text}\n`);
  }
}
