import { DashboardView } from '../browser-module';

/** Key drivers: which themes cost (or add) NPS points, said in words, with small samples flagged and the verbatims behind each. */
export const DRIVERS_VIEW: DashboardView = {
  id: 'drivers',
  title: 'Drivers',
  source: String.raw`
import { el, fmt, note, section, table, verbatimList } from './dom.js';

/** The sign in words: impact > 0 means NPS would be that many points higher without the theme's mentions. */
export function readImpact(d) {
  if (d.npsResponses === 0) return 'not measurable: no NPS answers mention it';
  const points = fmt.num(Math.abs(d.impact), 1) + ' NPS point' + (Math.abs(d.impact) === 1 ? '' : 's');
  if (d.impact > 0) return 'costs ' + points;
  if (d.impact < 0) return 'adds ' + points;
  return 'no effect on NPS';
}

function certainty(d) {
  if (d.npsResponses === 0) return el('span', { class: 'muted' }, 'read its verbatims instead');
  if (d.smallSample) return el('span', { class: 'badge small-sample', title: 'fewer than 30 NPS answers mention it: a few more answers could change the figure a lot' }, 'small sample: ' + d.npsResponses + ' answers');
  if (!d.significant) return el('span', { class: 'muted' }, 'could be chance (interval includes 0)');
  return el('span', { class: 'muted' }, 'clear (interval excludes 0)');
}

export default async function render(root, ctx) {
  const answer = await ctx.api('/v1/explore/drivers?' + ctx.query({ limit: 50 }));
  const detail = el('div', { id: 'driver-verbatims' });
  root.append(section('What moves NPS',
    el('p', { class: 'note' }, 'NPS is ', el('strong', null, fmt.num(answer.overallNps, 1)), ' from ' + answer.respondents + ' answers. ',
      'Each theme\'s effect is how much higher NPS would be without the customers who mention it: "costs 5 points" means NPS would be 5 points higher without those complaints; ',
      '"adds 3 points" means those customers lift NPS by 3. Themes with fewer than ' + answer.smallSampleBelow + ' NPS answers are flagged as small samples. Click a theme for what customers said.'),
    table([
      { title: 'Theme', cell: (d) => el('span', { class: 'theme-label', title: d.theme }, d.label) },
      { title: 'Effect on NPS', cell: (d) => el('span', { class: 'reading ' + (d.impact > 0 ? 'bad' : d.impact < 0 ? 'good' : '') }, readImpact(d)) },
      { title: 'Mentioned by', num: true, cell: (d) => fmt.pct(d.prevalence) + ' of answers' },
      { title: 'NPS with / without', num: true, cell: (d) => fmt.num(d.npsWith, 0) + ' / ' + fmt.num(d.npsWithout, 0) },
      { title: '95% interval', num: true, cell: (d) => (d.npsResponses === 0 ? '–' : fmt.signed(d.ci95[0]) + ' to ' + fmt.signed(d.ci95[1])) },
      { title: 'How sure', cell: certainty },
    ], answer.items, { empty: 'No themes mentioned in this range and these filters.', key: (d) => d.theme, onRow: (d, tr) => showVerbatims(ctx, d, tr, detail) }),
  ), detail);
  if (answer.items.length > 0) await showVerbatims(ctx, answer.items[0], root.querySelector('tbody tr'), detail);
}

async function showVerbatims(ctx, d, tr, detail) {
  for (const row of tr.parentNode.children) row.classList.toggle('selected', row === tr);
  const answer = await ctx.api('/v1/explore/verbatims?' + ctx.query({ theme: d.theme, limit: 10 }));
  detail.replaceChildren(section('What customers said about ' + d.label + ' (' + readImpact(d) + ')', verbatimList(answer.items)));
}
`,
};
