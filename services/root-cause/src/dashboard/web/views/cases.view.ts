import { DashboardView } from '../browser-module';

/**
 * The case queue and one case (`#/cases/<caseId>`, the link alerts carry): acknowledge, assign and resolve
 * through root-cause's same-origin /v1/routing/cases, which forwards the analyst's key to the routing service.
 */
export const CASES_VIEW: DashboardView = {
  id: 'cases',
  title: 'Cases',
  source: String.raw`
import { el, fmt, note, section, table, verbatimList } from './dom.js';

const STATUSES = ['open', 'acknowledged', 'resolved'];

export default async function render(root, ctx) {
  if (ctx.params[0]) return renderCase(root, ctx, ctx.params[0]);
  const status = sessionStorage.getItem('loops-case-status') || 'open';
  const answer = await ctx.api('/v1/routing/cases?' + new URLSearchParams({ status: status, limit: '200' }).toString());
  const cases = answer.cases.slice().sort((a, b) => String(a.dueAt).localeCompare(String(b.dueAt)));
  const now = Date.now();
  const late = (c) => c.status !== 'resolved' && new Date(c.dueAt).getTime() < now;
  root.append(section('Case queue',
    el('div', { class: 'inline', id: 'case-status' }, 'Show: ', STATUSES.map((s) => [el('button', { type: 'button', class: s === status ? 'active' : '', 'data-status': s,
      onclick: () => { sessionStorage.setItem('loops-case-status', s); render(root.replaceChildren() || root, ctx); } }, s), ' '])),
    note('Every case is one unhappy customer, soonest due first. The queue is not narrowed by the filters above. Click a case to act on it.'),
    table([
      { title: 'Case', cell: (c) => el('a', { href: '#/cases/' + c.caseId }, c.caseId.slice(0, 8)) },
      { title: 'Priority', cell: (c) => el('span', { class: 'badge ' + c.priority }, c.priority) },
      { title: 'Team', cell: (c) => c.ownerTeam },
      { title: 'Assignee', cell: (c) => c.assignee || el('span', { class: 'muted' }, 'nobody') },
      { title: 'Opened', cell: (c) => fmt.time(c.openedAt) },
      { title: 'Due', cell: (c) => el('span', { class: late(c) ? 'bad' : '' }, fmt.time(c.dueAt) + (late(c) ? ' · past SLA' : '')) },
      { title: 'Status', cell: (c) => c.status + (c.rootCauseCode ? ' (' + c.rootCauseCode + ')' : '') },
    ], cases, { empty: 'No ' + status + ' cases.', key: (c) => c.caseId, onRow: (c) => ctx.navigate('#/cases/' + c.caseId) })));
}

async function renderCase(root, ctx, caseId) {
  const c = await ctx.api('/v1/routing/cases/' + encodeURIComponent(caseId));
  const result = el('p', { id: 'case-result', role: 'status', class: 'note' });
  const act = async (action, body) => {
    try {
      await ctx.api('/v1/routing/cases/' + encodeURIComponent(caseId) + '/' + action, { method: 'POST', body: body });
      root.replaceChildren();
      await renderCase(root, ctx, caseId);
      root.querySelector('#case-result').textContent = 'Done: ' + action + '.';
    } catch (e) {
      result.className = 'note bad';
      result.textContent = e.message;
    }
  };
  const field = (id, placeholder, required) => el('input', { id: id, placeholder: placeholder, required: required || false });
  const form = (id, label, inputs, submit) => el('form', { class: 'inline', id: id, onsubmit: (e) => { e.preventDefault(); submit(); } }, inputs, el('button', { type: 'submit' }, label));
  const value = (id) => root.querySelector('#' + id).value.trim();
  const open = c.status !== 'resolved';
  const facts = [
    ['Status', c.status + (c.rootCauseCode ? ' (root cause ' + c.rootCauseCode + ')' : '')],
    ['Priority', c.priority], ['Team', c.ownerTeam], ['Assignee', c.assignee || 'nobody'],
    ['Opened', fmt.time(c.openedAt)], ['Due', fmt.time(c.dueAt)], ['Escalation level', c.escalationLevel],
  ];
  root.append(el('p', null, el('a', { href: '#/cases' }, '← Case queue')),
    section('Case ' + c.caseId,
      el('table', { class: 'facts' }, el('tbody', null, facts.map((f) => el('tr', null, el('th', null, f[0]), el('td', { 'data-fact': f[0].toLowerCase() }, String(f[1])))))),
      open ? el('div', { class: 'actions' },
        c.status === 'open' ? form('ack-form', 'Acknowledge', [field('ack-by', 'Your name')], () => act('acknowledge', value('ack-by') ? { by: value('ack-by') } : {})) : null,
        form('assign-form', 'Assign', [field('assignee', 'Assignee', true)], () => act('assign', { assignee: value('assignee') })),
        form('resolve-form', 'Resolve', [field('root-cause', 'Root-cause code, e.g. LATE_DELIVERY', true), field('resolve-note', 'Note (optional)')],
          () => act('resolve', value('resolve-note') ? { rootCauseCode: value('root-cause'), note: value('resolve-note') } : { rootCauseCode: value('root-cause') })),
      ) : form('reopen-form', 'Reopen', [field('reopen-note', 'Why (optional)')], () => act('reopen', value('reopen-note') ? { note: value('reopen-note') } : {})),
      result));
  const words = [];
  // An account manager's key reads no verbatims by touchpoint (403): it reads the words on the account's page.
  const byAccount = ctx.me && ctx.me.view && ctx.me.view.accounts && ctx.me.view.accounts.length;
  for (const id of byAccount ? [] : c.feedbackEventIds || []) {
    const found = await ctx.api('/v1/explore/verbatims?' + new URLSearchParams({ feedbackEventId: id, from: '2000-01-01T00:00:00Z', to: new Date(Date.now() + 86400000).toISOString() }).toString());
    words.push(...found.items);
  }
  root.append(section('What the customer said', byAccount
    ? el('p', { class: 'note' }, 'Read it on the account\'s page: ', el('a', { href: '#/accounts/' + encodeURIComponent(c.accountId || ''), class: 'account-link' }, 'account ' + (c.accountId || '')))
    : verbatimList(words, 'No words stored for this case\'s feedback (scores only, or erased).')));
  const alerts = c.alerts || [];
  if (alerts.length) {
    root.append(section('Alerts', el('ul', null, alerts.map((a) => el('li', null, (a.summary || '') + (a.rulePath ? ' · rule ' + a.rulePath.join(' › ') : ''))))));
  }
  root.append(section('History', table([
    { title: 'When', cell: (e) => fmt.time(e.at) },
    { title: 'What', cell: (e) => e.kind },
    { title: 'Note', cell: (e) => e.note || '' },
  ], c.events || [], { empty: 'No events yet.' })));
}
`,
};
