/** A small SVG line chart of p50 and p99 ingest-to-alert latency against offered load. */
export function latencyChartSvg(rows: { rate: number; p50: number; p99: number }[]): string {
  const w = 640, h = 360, left = 60, right = 20, top = 30, bottom = 50;
  const valid = rows.filter((r) => Number.isFinite(r.p50) && Number.isFinite(r.p99));
  const maxRate = Math.max(1, ...valid.map((r) => r.rate));
  const maxMs = Math.max(1, ...valid.map((r) => r.p99)) * 1.1;
  const x = (rate: number) => left + (rate / maxRate) * (w - left - right);
  const y = (ms: number) => h - bottom - (ms / maxMs) * (h - top - bottom);
  const line = (key: 'p50' | 'p99', color: string) =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${valid.map((r) => `${x(r.rate).toFixed(1)},${y(r[key]).toFixed(1)}`).join(' ')}"/>` +
    valid.map((r) => `<circle cx="${x(r.rate).toFixed(1)}" cy="${y(r[key]).toFixed(1)}" r="3" fill="${color}"/>`).join('');
  const ticks = valid.map((r) => `<text x="${x(r.rate).toFixed(1)}" y="${h - bottom + 18}" text-anchor="middle" font-size="11">${r.rate}</text>`).join('');
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => `<text x="${left - 6}" y="${(y(f * maxMs) + 4).toFixed(1)}" text-anchor="end" font-size="11">${Math.round(f * maxMs)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${w / 2}" y="18" text-anchor="middle" font-size="14">Ingest-to-alert latency against load</text>
<line x1="${left}" y1="${h - bottom}" x2="${w - right}" y2="${h - bottom}" stroke="#333"/>
<line x1="${left}" y1="${top}" x2="${left}" y2="${h - bottom}" stroke="#333"/>
${ticks}${yTicks}
<text x="${w / 2}" y="${h - 12}" text-anchor="middle" font-size="12">offered load (items/s)</text>
<text x="16" y="${h / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 16 ${h / 2})">latency (ms)</text>
${line('p50', '#1d3557')}${line('p99', '#e63946')}
<text x="${w - right - 90}" y="${top + 10}" font-size="12" fill="#1d3557">p50</text>
<text x="${w - right - 50}" y="${top + 10}" font-size="12" fill="#e63946">p99</text>
</svg>
`;
}
