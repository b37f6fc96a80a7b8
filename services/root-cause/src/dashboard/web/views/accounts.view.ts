import { DashboardView } from '../browser-module';

/**
 * The account manager's view (B2B): accounts ranked by revenue at risk (`#/accounts`), and one account
 * (`#/accounts/<accountId>`) with its recent feedback, redacted as stored, and its open cases. An account manager's
 * key (--accounts) lists only its accounts; a whole-tenant key lists every account.
 */
export const ACCOUNTS_VIEW: DashboardView = {
  id: 'accounts',
  title: 'Accounts',
  source: String.raw`
import { el, fmt, note, section, table } from './dom.js';

/** Accounts span every touchpoint and channel: only the time range applies. */
function accountsWindow(ctx) {
  return new URLSearchParams({ from: ctx.filters.from, to: ctx.filters.to });
}

const themes = (list) => (list && list.length ? list.join(', ') : el('span', { class: 'muted' }, 'none'));

export default async function render(root, ctx) {
  if (ctx.params[0]) return renderAccount(root, ctx, ctx.params[0]);
  const q = accountsWindow(ctx);
  q.set('limit', '200');
  const answer = await ctx.api('/v1/accounts?' + q.toString());
  root.append(section('Accounts by revenue at risk',
    note('Each B2B account (the accountId its respondents carry), ranked by revenue at risk: the account\'s annual value times the mean churn probability of its respondents, each judged by their latest feedback. ' +
      'Accounts span every touchpoint and channel, so only the time range above applies. Click an account for its recent feedback and open cases.'),
    table([
      { title: 'Account', cell: (a) => el('a', { href: '#/accounts/' + encodeURIComponent(a.accountId), class: 'account-id' }, a.accountId) },
      { title: 'Annual value', num: true, cell: (a) => fmt.money(a.annualValue) },
      { title: 'Churn probability', num: true, cell: (a) => fmt.pct(a.churnProbability) },
      { title: 'Revenue at risk', num: true, cell: (a) => el('span', { class: 'risk bad' }, fmt.money(a.revenueAtRisk)) },
      { title: 'NPS', num: true, cell: (a) => fmt.num(a.nps, 0) + (a.npsResponses ? ' (' + a.npsResponses + ')' : '') },
      { title: 'Negative', num: true, cell: (a) => fmt.pct(a.negativeShare) },
      { title: 'Top themes', cell: (a) => themes(a.topThemes) },
      { title: 'Open cases', num: true, cell: (a) => el('span', { class: a.openCases ? 'bad' : '' }, a.openCases) },
      { title: 'Respondents', num: true, cell: (a) => a.respondents },
      { title: 'Last feedback', cell: (a) => fmt.day(a.lastFeedbackAt) },
    ], answer.items, { empty: 'No feedback from a B2B account in this range (feedback names its account in customer.accountId).', key: (a) => a.accountId,
      onRow: (a) => ctx.navigate('#/accounts/' + encodeURIComponent(a.accountId)) })));
}

async function renderAccount(root, ctx, accountId) {
  const a = await ctx.api('/v1/accounts/' + encodeURIComponent(accountId) + '?' + accountsWindow(ctx).toString());
  const facts = [
    ['Annual value', fmt.money(a.annualValue)], ['Churn probability', fmt.pct(a.churnProbability)], ['Revenue at risk', fmt.money(a.revenueAtRisk)],
    ['NPS', fmt.num(a.nps, 0) + ' (' + a.npsResponses + ' answers)'], ['Negative share', fmt.pct(a.negativeShare)], ['Top themes', (a.topThemes || []).join(', ') || 'none'],
    ['Respondents', a.respondents], ['Feedback items', a.feedbackItems], ['Open cases', a.openCases],
  ];
  root.append(el('p', null, el('a', { href: '#/accounts' }, '← All accounts')),
    section('Account ' + a.accountId,
      el('table', { class: 'facts' }, el('tbody', null, facts.map((f) => el('tr', null, el('th', null, f[0]), el('td', { 'data-fact': f[0].toLowerCase() }, String(f[1])))))),
    ),
    section('Open cases',
      table([
        { title: 'Case', cell: (c) => el('a', { href: '#/cases/' + c.caseId, class: 'case-link' }, c.caseId.slice(0, 8)) },
        { title: 'Priority', cell: (c) => el('span', { class: 'badge ' + c.priority }, c.priority) },
        { title: 'Team', cell: (c) => c.ownerTeam },
        { title: 'Touchpoint', cell: (c) => c.touchpoint || '' },
        { title: 'Due', cell: (c) => el('span', { class: c.pastSla ? 'bad' : '' }, fmt.time(c.dueAt) + (c.pastSla ? ' · past SLA' : '')) },
        { title: 'Status', cell: (c) => c.status },
      ], a.cases, { empty: 'No open case for this account.', key: (c) => c.caseId, onRow: (c) => ctx.navigate('#/cases/' + c.caseId) })),
    section('Recent feedback',
      note('Newest first, as stored: e-mails, phone and card numbers are removed, and only complaints keep their words.'),
      feedbackList(a.recentFeedback)));
}

function feedbackList(items) {
  if (items.length === 0) return note('No feedback in this range.', 'empty');
  return el('ul', { class: 'verbatims', id: 'account-feedback' }, items.map((f) => el('li', { class: 'verbatim ' + (f.sentiment || ''), 'data-id': f.feedbackEventId },
    f.text ? el('blockquote', null, f.text) : el('p', { class: 'muted' }, 'No words stored (scores only, or not a complaint).'),
    el('div', { class: 'meta' },
      fmt.time(f.occurredAt), ' · ', f.touchpoint, ' · ', f.channel, f.language ? ' · ' + f.language : '',
      f.sentiment ? ' · ' + f.sentiment : '', f.nps !== null && f.nps !== undefined ? ' · NPS ' + f.nps : '',
      f.csat !== null && f.csat !== undefined ? ' · CSAT ' + f.csat : '', f.themes && f.themes.length ? ' · ' + f.themes.join(', ') : ''))));
}
`,
};
