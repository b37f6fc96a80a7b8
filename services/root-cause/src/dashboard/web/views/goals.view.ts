import { DashboardView } from '../browser-module';

/** Goals: each target with its progress (value, 95% interval, status, weekly trend); a goal's page adds its daily series and drivers. */
export const GOALS_VIEW: DashboardView = {
  id: 'goals',
  title: 'Goals',
  source: String.raw`
import { el, fmt, lineChart, note, section, table } from './dom.js';

const STATUS = { ahead: 'on track (interval clears the target)', behind: 'off track (interval misses the target)', uncertain: 'too close to call', no_data: 'no answers yet' };
const interval = (ci) => (ci ? String(ci).replace('..', ' to ') : '–');

export default async function render(root, ctx) {
  if (ctx.params[0]) return renderGoal(root, ctx, ctx.params[0]);
  const answer = await ctx.api('/v1/goals?limit=200');
  root.append(section('Goals',
    el('p', { class: 'note' }, 'Each goal is a target for a metric on a scope over a period, with an owner. The value comes with its 95% interval; "on track" means the whole interval is on the right side of the target. Click a goal for its daily series and the drivers in its scope.'),
    table([
      { title: 'Goal', cell: (g) => g.name },
      { title: 'Owner', cell: (g) => g.owner },
      { title: 'Metric', cell: (g) => g.metric + (g.measure ? ' ' + g.measure : '') + (g.touchpoint ? ' @ ' + g.touchpoint : '') },
      { title: 'Target', num: true, cell: (g) => (g.direction === 'at_most' ? '≤ ' : '≥ ') + fmt.num(g.target, 2) },
      { title: 'Now', num: true, cell: (g) => fmt.num(g.value, 2) },
      { title: '95% interval', num: true, cell: (g) => interval(g.ci95) },
      { title: 'Status', cell: (g) => el('span', { class: 'reading ' + (g.status === 'ahead' ? 'good' : g.status === 'behind' ? 'bad' : '') }, STATUS[g.status] || g.status) },
      { title: 'Trend / week', num: true, cell: (g) => fmt.signed(g.trendPerWeek, 2) },
      { title: 'Top driver', cell: (g) => g.topDriver || '–' },
    ], answer.items, { empty: 'No goals yet: POST /v1/goals with an admin key (see the README, "From insight to action").', key: (g) => g.goalId, onRow: (g) => ctx.navigate('#/goals/' + g.goalId) })));
}

async function renderGoal(root, ctx, goalId) {
  const answer = await ctx.api('/v1/goals/' + encodeURIComponent(goalId));
  const g = answer.goal, p = answer.progress;
  root.append(section(g.name,
    el('p', { class: 'note' }, 'Owner ' + g.owner + ' · ' + fmt.day(g.periodStart) + ' to ' + fmt.day(g.periodEnd) + ' · target ' + (g.direction === 'at_most' ? '≤ ' : '≥ ') + fmt.num(g.target, 2) + ' · ',
      el('strong', null, fmt.num(p.value, 2)), ' (' + interval(p.ci95 && p.ci95.join('..')) + ', ' + p.basis + ' answers) · ' + (STATUS[p.status] || p.status) +
      (p.trendPerWeek ? ' · trend ' + fmt.signed(p.trendPerWeek.value, 2) + ' a week' : '')),
    el('p', { class: 'muted' }, p.method),
    lineChart({ id: 'goal', title: g.metric, help: 'daily value', min: Math.min(g.target, ...p.series.map((s) => s.value).filter((v) => v !== null)), max: Math.max(g.target, ...p.series.map((s) => s.value).filter((v) => v !== null)), bucket: 'day',
      points: p.series.map((s) => ({ at: s.day, value: s.value, n: s.basis })) }),
  ), section('What moves it (drivers in this goal\'s scope)',
    answer.drivers.length === 0 ? note('No themes mentioned in this scope yet.', 'empty') : table([
      { title: 'Theme', cell: (d) => d.theme },
      { title: 'NPS points it costs', num: true, cell: (d) => fmt.signed(d.impact, 1) },
      { title: '95% interval', num: true, cell: (d) => fmt.signed(d.ci95[0], 1) + ' to ' + fmt.signed(d.ci95[1], 1) },
      { title: 'Mentioned by', num: true, cell: (d) => fmt.pct(d.prevalence) },
    ], answer.drivers)));
}
`,
};
