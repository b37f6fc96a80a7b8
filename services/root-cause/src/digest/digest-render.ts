import { adaptiveCard, CardElement, escapeHtml, escapeSlackMrkdwn, NotifyMessage, oneLine, SLACK_LIMITS, SlackBlock, truncate } from '@loops/notify';
import { Digest } from './digest';

/** One section of the digest as plain lines: every format (text, HTML, Slack, Teams, page) renders these. */
interface Section {
  title: string;
  lines: string[];
  /** Said when there is nothing to list, so an empty section reads as good news, not as a failure. */
  empty: string;
}

const num = (x: number | null, places = 1) => (x === null ? 'n/a' : x.toFixed(places));
const day = (iso: string) => iso.slice(0, 10);
const signed = (x: number, places = 1) => `${x >= 0 ? '+' : ''}${x.toFixed(places)}`;

const GOAL_STATUS: Record<string, string> = {
  ahead: 'on track (the whole interval meets the target)',
  behind: 'behind (the whole interval misses the target)',
  uncertain: 'too close to call (the interval spans the target)',
  no_data: 'no data yet',
};

export function digestSections(d: Digest): Section[] {
  return [
    {
      title: 'Your goals',
      empty: 'You own no goal running in this period.',
      lines: d.goals.map((g) => {
        const ci = g.ci95 ? ` (95% ${num(g.ci95[0])} to ${num(g.ci95[1])})` : '';
        const trend = g.trendPerWeek === null ? '' : `, trend ${signed(g.trendPerWeek)} a week`;
        return `${g.name}: ${g.metric} ${num(g.value)}${ci} against a target of ${g.direction === 'at_most' ? 'at most' : 'at least'} ${g.target}: ${GOAL_STATUS[g.status] ?? g.status}${trend}; ends ${day(g.periodEnd)}`;
      }),
    },
    {
      title: 'New emerging issues',
      empty: 'No new emerging issue in this period.',
      lines: d.emergingIssues.map((i) => `${i.themeLabel} at ${i.touchpoint}: opened ${day(i.openedAt)}, ${i.status}`),
    },
    {
      title: 'What costs the most NPS points',
      empty: 'No theme cost NPS points in this period.',
      lines: d.drivers.map(
        (x) =>
          `${x.themeLabel}${x.touchpoint ? ` at ${x.touchpoint}` : ''}: costs ${num(x.impact)} NPS points (95% ${num(x.ci95[0])} to ${num(x.ci95[1])}), ${x.mentions} mentions${x.significant ? '' : '; not significant yet'}`,
      ),
    },
    {
      title: 'Your actions due',
      empty: 'None of your actions is due in the next week.',
      lines: d.actionsDue.map((a) => `${a.overdue ? 'OVERDUE ' : ''}${a.change}: due ${day(a.dueAt)} (${a.status.replace('_', ' ')})`),
    },
    {
      title: 'Cases past their SLA',
      empty: 'No open case is past its SLA.',
      lines:
        d.casesPastSla.total === 0
          ? []
          : [
              `${d.casesPastSla.total} open case${d.casesPastSla.total === 1 ? '' : 's'} past SLA; oldest:`,
              ...d.casesPastSla.oldest.map((c) => `${c.priority} ${c.ownerTeam}${c.touchpoint ? ` at ${c.touchpoint}` : ''}: due ${day(c.dueAt)} (case ${c.caseId})`),
            ],
    },
  ];
}

export function digestSubject(d: Digest): string {
  const behind = d.goals.filter((g) => g.status === 'behind').length;
  const parts = [`${d.goals.length} goal${d.goals.length === 1 ? '' : 's'}${behind ? ` (${behind} behind)` : ''}`, `${d.emergingIssues.length} new issue${d.emergingIssues.length === 1 ? '' : 's'}`, `${d.actionsDue.length} action${d.actionsDue.length === 1 ? '' : 's'} due`];
  return oneLine(`Loops digest for ${d.owner}, ${day(d.period.from.toISOString())} to ${day(d.period.to.toISOString())}: ${parts.join(', ')}`);
}

/**
 * The digest as a message for e-mail (text and HTML), Slack (Block Kit) and Teams (Adaptive Card). Every
 * value that came from people (goal names, action text, owner) is escaped for the format it lands in.
 */
export function digestMessage(d: Digest, pageUrl: string): NotifyMessage {
  const sections = digestSections(d);
  const subject = digestSubject(d);
  const text = [
    subject,
    '',
    ...sections.flatMap((s) => [s.title, ...(s.lines.length ? s.lines.map((l) => `- ${l}`) : [`  ${s.empty}`]), '']),
    `Read it as a page: ${pageUrl}`,
  ].join('\n');
  const slack: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`Loops digest for ${oneLine(d.owner)}`, SLACK_LIMITS.headerText) } },
    { type: 'context', elements: [{ type: 'plain_text', text: `${day(d.period.from.toISOString())} to ${day(d.period.to.toISOString())}` }] },
    ...sections.map((s): SlackBlock => ({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*${s.title}*\n${(s.lines.length ? s.lines : [s.empty]).map((l) => `• ${escapeSlackMrkdwn(l)}`).join('\n')}`, SLACK_LIMITS.sectionText) },
    })),
    { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the digest' }, url: pageUrl }] },
  ];
  const card: CardElement[] = [
    { type: 'TextBlock', text: `Loops digest for ${oneLine(d.owner)}`, weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: `${day(d.period.from.toISOString())} to ${day(d.period.to.toISOString())}`, isSubtle: true, wrap: true },
    ...sections.map((s): CardElement => ({
      type: 'Container',
      separator: true,
      items: [
        { type: 'TextBlock', text: s.title, weight: 'Bolder', wrap: true },
        { type: 'RichTextBlock', inlines: (s.lines.length ? s.lines : [s.empty]).map((l) => ({ type: 'TextRun' as const, text: `• ${l}\n` })) },
      ],
    })),
  ];
  return {
    subject,
    text,
    html: digestHtml(d, pageUrl, false),
    slack: { text: subject, blocks: slack },
    teams: adaptiveCard(card, [{ type: 'Action.OpenUrl', title: 'Open the digest', url: pageUrl }]),
  };
}

/** The digest as HTML: the e-mail's HTML part, or (page = true) a whole page served at its link. */
export function digestHtml(d: Digest, pageUrl: string, page: boolean): string {
  const body = [
    `<h1>Loops digest for ${escapeHtml(d.owner)}</h1>`,
    `<p class="period">${day(d.period.from.toISOString())} to ${day(d.period.to.toISOString())}${d.view.touchpoints.length || d.view.themes.length ? escapeHtml(` · focus: ${[...d.view.touchpoints, ...d.view.themes].join(', ')}`) : ''}</p>`,
    ...digestSections(d).map(
      (s) =>
        `<section><h2>${escapeHtml(s.title)}</h2>${s.lines.length ? `<ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : `<p class="empty">${escapeHtml(s.empty)}</p>`}</section>`,
    ),
    page ? '' : `<p><a href="${escapeHtml(pageUrl)}">Read it as a page</a></p>`,
  ].join('\n');
  if (!page) return body;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(digestSubject(d))}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#1d232b}h1{font-size:22px}h2{font-size:16px;margin-top:24px}.period{color:#6b7280}.empty{color:#6b7280;font-style:italic}li{margin:4px 0}</style>
</head><body>${body}</body></html>`;
}
