import { DashboardView } from '../browser-module';

/** Emerging issues: what is newly going wrong, the statistical evidence for it, and the complaints behind it. */
export const EMERGING_VIEW: DashboardView = {
  id: 'emerging',
  title: 'Emerging issues',
  source: String.raw`
import { el, fmt, note, section, table, verbatimList } from './dom.js';

const only = { channel: undefined, segment: undefined, language: undefined };

export default async function render(root, ctx) {
  const answer = await ctx.api('/v1/explore/emerging-issues?' + ctx.query(Object.assign({ limit: 100 }, only)));
  const detail = el('div', { id: 'issue-evidence' });
  const ignored = ['channel', 'segment', 'language'].filter((d) => ctx.filters[d]);
  root.append(section('Emerging issues opened in this range',
    el('p', { class: 'note' }, 'An issue opens when negative mentions of a theme at a touchpoint in one hour are far above that hour\'s usual level ',
      '(a Poisson test against a smoothed baseline, with a minimum count and false-discovery control). Click one for its evidence and the complaints behind it.'),
    ignored.length ? note('Issues are detected per touchpoint and theme: the ' + ignored.join(', ') + ' filter does not apply on this page.') : null,
    table([
      { title: 'Theme', cell: (i) => el('span', { class: 'theme-label', title: i.theme }, i.label) },
      { title: 'Touchpoint', cell: (i) => i.touchpoint },
      { title: 'Hour', cell: (i) => fmt.time(i.openedBucket) },
      { title: 'Negative mentions', num: true, cell: (i) => el('span', { class: 'bad' }, i.evidence.negative) },
      { title: 'Usual level', num: true, cell: (i) => fmt.num(i.evidence.baseline, 1) },
      { title: 'Times usual', num: true, cell: (i) => fmt.num(i.evidence.rateRatio, 1) + '×' },
      { title: 'Status', cell: (i) => i.status + (i.resolvedBucket ? ' (' + fmt.time(i.resolvedBucket) + ')' : '') },
    ], answer.items, { empty: 'No emerging issue opened in this range.', key: (i) => i.issueId, onRow: (i, tr) => show(ctx, i, tr, detail) }),
  ), detail);
  if (answer.items.length > 0) await show(ctx, answer.items[0], root.querySelector('tbody tr'), detail);
}

async function show(ctx, issue, tr, detail) {
  for (const row of tr.parentNode.children) row.classList.toggle('selected', row === tr);
  const e = issue.evidence;
  const words = await ctx.api('/v1/explore/verbatims?' + ctx.query(Object.assign({ issueId: issue.issueId, limit: 20, from: undefined, to: undefined }, only)));
  detail.replaceChildren(section('Evidence: ' + issue.label + ' at ' + issue.touchpoint,
    el('ul', { class: 'evidence' },
      el('li', null, e.negative + ' negative mentions out of ' + e.total + ' items in the hour from ' + fmt.time(e.bucket) + ', against a usual ' + fmt.num(e.baseline, 2) + ' (' + fmt.num(e.rateRatio, 1) + ' times as many).'),
      el('li', null, 'Chance of this many by luck: p = ' + Number(e.pValue).toExponential(2) + '; after correcting for ' + e.tests + ' test(s) at once: q = ' + Number(e.qValue).toExponential(2) + '.'),
      el('li', { class: 'muted' }, 'Test: ' + e.test + '.')),
    el('h3', null, 'The complaints behind it'),
    verbatimList(words.items, 'No complaint with words behind this issue (the items had scores only).')));
}
`,
};
