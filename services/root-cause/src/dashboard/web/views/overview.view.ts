import { DashboardView } from '../browser-module';

/** Trends: NPS, CSAT, CES and sentiment per bucket over the chosen range, one small chart each. */
export const OVERVIEW_VIEW: DashboardView = {
  id: 'overview',
  title: 'Trends',
  source: String.raw`
import { el, fmt, lineChart, note, section } from './dom.js';

export default async function render(root, ctx) {
  const trend = await ctx.api('/v1/explore/trends?' + ctx.query({ bucket: ctx.filters.bucket }));
  const pts = trend.items;
  const total = pts.reduce((s, p) => s + p.count, 0);
  const answered = (k) => pts.reduce((s, p) => s + p[k], 0);
  const per = { hour: 'hourly', day: 'daily', week: 'weekly' }[trend.bucket];
  root.append(el('p', { class: 'note', id: 'trend-summary' }, 'Feedback items: ' + total + ' in ' + pts.length + ' ' + per + ' buckets (' +
    answered('npsResponses') + ' NPS, ' + answered('csatResponses') + ' CSAT, ' + answered('cesResponses') + ' CES answers). ' +
    'Hover a dot for its value and the number of answers behind it.'));
  if (total === 0) { root.append(note('No feedback in this range and these filters. Widen the time range or clear a filter.', 'empty')); return; }
  const series = (k, n) => pts.map((p) => ({ at: p.bucketStart, value: p[k], n: n ? p[n] : p.count }));
  root.append(el('div', { class: 'grid' },
    section('NPS', lineChart({ id: 'nps', title: 'Net Promoter Score', help: '% promoters (9-10) minus % detractors (0-6), from -100 to 100', min: -100, max: 100, bucket: trend.bucket, points: series('nps', 'npsResponses') })),
    section('Sentiment', lineChart({ id: 'sentiment', title: 'Mean sentiment', help: 'of what customers wrote, from -1 (negative) to 1 (positive)', min: -1, max: 1, bucket: trend.bucket, points: series('sentimentMean') })),
    section('CSAT', lineChart({ id: 'csat', title: 'CSAT mean', help: 'satisfaction 1-5 (review stars count as CSAT)', min: 1, max: 5, bucket: trend.bucket, points: series('csatMean', 'csatResponses') })),
    section('CES', lineChart({ id: 'ces', title: 'CES mean', help: 'customer effort 1-7, lower is easier', min: 1, max: 7, bucket: trend.bucket, points: series('cesMean', 'cesResponses') })),
    section('Negative feedback', lineChart({ id: 'negative', title: 'Share of negative feedback', help: '% of items read as negative', min: 0, max: 100, bucket: trend.bucket,
      points: pts.map((p) => ({ at: p.bucketStart, value: p.negativeShare === null ? null : p.negativeShare * 100, n: p.count })) })),
  ));
}
`,
};
