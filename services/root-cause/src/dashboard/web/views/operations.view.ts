import { DashboardView } from '../browser-module';

/** Operational measures beside feedback: how many NPS points each measure moves, and one measure plotted against NPS over time. */
export const OPERATIONS_VIEW: DashboardView = {
  id: 'operations',
  title: 'Operations',
  source: String.raw`
import { el, fmt, lineChart, note, section, table } from './dom.js';

export default async function render(root, ctx) {
  const window = { from: ctx.filters.from, to: ctx.filters.to, touchpoint: ctx.filters.touchpoint };
  const q = (extra) => new URLSearchParams(Object.entries(Object.assign({}, window, extra)).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  const drivers = await ctx.api('/v1/reports/measure-drivers?' + q({}));
  root.append(section('Operational measures and NPS',
    el('p', { class: 'note' }, 'NPS points per unit of each measure (a regression of each answer on the measure of its touchpoint and time bucket), with its 95% interval. Click a measure to plot it against NPS.'),
    table([
      { title: 'Measure', cell: (m) => m.measure + (m.unit ? ' (' + m.unit + ')' : '') },
      { title: 'Touchpoints', cell: (m) => m.touchpoints.join(', ') },
      { title: 'NPS points per unit', num: true, cell: (m) => fmt.signed(m.npsPointsPerUnit, 4) },
      { title: '95% interval', num: true, cell: (m) => (m.ci95 ? String(m.ci95).replace('..', ' to ') : '–') },
      { title: 'Answers', num: true, cell: (m) => m.respondents },
      { title: 'How sure', cell: (m) => el('span', { class: 'muted' }, m.significant ? 'clear (interval excludes 0)' : 'could be chance') },
    ], drivers.items, { empty: 'No operational measures in this range: send them to ingestion (POST /v1/operational/measures/batch).', key: (m) => m.measure, onRow: (m) => plot(ctx, q, m, detail) })));
  const detail = el('div', { id: 'measure-vs-nps' });
  root.append(detail);
  if (drivers.items.length > 0) await plot(ctx, q, drivers.items[0], detail);
}

async function plot(ctx, q, m, detail) {
  const answer = await ctx.api('/v1/reports/measure-vs-nps?' + q({ measure: m.measure }));
  const pts = answer.items;
  const values = pts.map((p) => p.value);
  detail.replaceChildren(section(m.measure + ' against NPS',
    pts.length === 0 ? note('No buckets.', 'empty') : el('div', { class: 'grid' },
      lineChart({ id: 'measure', title: m.measure, help: m.unit || '', min: Math.min(...values), max: Math.max(...values), bucket: 'day', points: pts.map((p) => ({ at: p.bucketStart, value: p.value, n: p.observations === null ? undefined : p.observations })) }),
      lineChart({ id: 'measure-nps', title: 'NPS', help: 'same touchpoints and buckets', min: -100, max: 100, bucket: 'day', points: pts.map((p) => ({ at: p.bucketStart, value: p.nps, n: p.npsResponses })) }))));
}
`,
};
