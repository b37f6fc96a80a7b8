import { DashboardView } from '../browser-module';

/** Actions on root causes: who does what by when, and afterwards whether the fix worked (before/after with intervals). */
export const ACTIONS_VIEW: DashboardView = {
  id: 'actions',
  title: 'Actions',
  source: String.raw`
import { el, fmt, note, section, table } from './dom.js';

const range = (e, pct) => (e ? (pct ? fmt.pct(e.ci95[0]) + ' to ' + fmt.pct(e.ci95[1]) : fmt.signed(e.ci95[0], 1) + ' to ' + fmt.signed(e.ci95[1], 1)) : '–');
const value = (e, pct) => (e ? (pct ? fmt.pct(e.value) : fmt.num(e.value, 1)) : '–');

export default async function render(root, ctx) {
  if (ctx.params[0]) return renderImpact(root, ctx, ctx.params[0]);
  const answer = await ctx.api('/v1/actions?limit=200');
  root.append(section('Actions on root causes',
    el('p', { class: 'note' }, 'An owner opens an action on a driver, an emerging issue or a root-cause code. Click one to see NPS and the theme\'s prevalence before and after it took effect.'),
    table([
      { title: 'What will change', cell: (a) => a.change },
      { title: 'On', cell: (a) => a.targetKind.replace('_', ' ') + ': ' + (a.theme || a.rootCauseCode || a.issueId || '–') + (a.touchpoint ? ' @ ' + a.touchpoint : '') },
      { title: 'Owner', cell: (a) => a.owner },
      { title: 'Due', cell: (a) => fmt.day(a.dueAt) },
      { title: 'Effective', cell: (a) => fmt.day(a.effectiveAt) },
      { title: 'Status', cell: (a) => el('span', { class: 'badge' }, a.status.replace('_', ' ')) },
    ], answer.items, { empty: 'No actions yet: POST /v1/actions (see the README, "From insight to action").', key: (a) => a.actionId, onRow: (a) => ctx.navigate('#/actions/' + a.actionId) })));
}

async function renderImpact(root, ctx, actionId) {
  const r = await ctx.api('/v1/actions/' + encodeURIComponent(actionId) + '/impact?days=14');
  const rows = [
    { what: 'NPS', before: value(r.nps.before), beforeCi: range(r.nps.before), after: value(r.nps.after), afterCi: range(r.nps.after), change: r.nps.change ? fmt.signed(r.nps.change.value, 1) : '–', changeCi: range(r.nps.change), sure: r.nps.significant },
  ];
  if (r.prevalence) rows.push({ what: 'Share mentioning ' + r.action.theme, before: value(r.prevalence.before, true), beforeCi: range(r.prevalence.before, true), after: value(r.prevalence.after, true), afterCi: range(r.prevalence.after, true),
    change: r.prevalence.change ? fmt.signed(r.prevalence.change.value * 100, 1) + ' pts' : '–', changeCi: r.prevalence.change ? fmt.signed(r.prevalence.change.ci95[0] * 100, 1) + ' to ' + fmt.signed(r.prevalence.change.ci95[1] * 100, 1) + ' pts' : '–', sure: r.prevalence.significant });
  if (r.rootCause) rows.push({ what: 'Cases with ' + r.action.rootCauseCode + ' a day', before: fmt.num(r.rootCause.before.perDay, 2), beforeCi: r.rootCause.before.cases + ' cases', after: fmt.num(r.rootCause.after.perDay, 2), afterCi: r.rootCause.after.cases + ' cases',
    change: r.rootCause.rateRatio ? '× ' + fmt.num(r.rootCause.rateRatio.value, 2) : '–', changeCi: r.rootCause.rateRatio ? '× ' + fmt.num(r.rootCause.rateRatio.ci95[0], 2) + ' to ' + fmt.num(r.rootCause.rateRatio.ci95[1], 2) : '–', sure: r.rootCause.significant });
  root.append(section('Did it work? ' + r.action.change,
    el('p', { class: 'note' }, 'Owner ' + r.action.owner + ' · ' + r.action.status.replace('_', ' ') + ' · 14 days before and after ' + fmt.day(r.action.effectiveAt) + (r.afterComplete ? '' : ' (the after-window is not over yet)') + '. Intervals are 95%.'),
    table([
      { title: '', cell: (x) => x.what },
      { title: 'Before', num: true, cell: (x) => x.before },
      { title: '95% interval', num: true, cell: (x) => x.beforeCi },
      { title: 'After', num: true, cell: (x) => x.after },
      { title: '95% interval', num: true, cell: (x) => x.afterCi },
      { title: 'Change', num: true, cell: (x) => x.change },
      { title: '95% interval', num: true, cell: (x) => x.changeCi },
      { title: 'How sure', cell: (x) => el('span', { class: 'muted' }, x.sure ? 'clear (interval excludes no change)' : 'could be chance') },
    ], rows)));
  if (!r.nps.before && !r.nps.after) root.append(note('No NPS answers in either window at this touchpoint.', 'empty'));
}
`,
};
