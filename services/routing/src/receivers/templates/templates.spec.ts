import { Alert } from '@loops/contracts';
import { renderEmail } from './email.template';
import { NotificationView } from './notification-view';
import { renderSlack } from './slack.template';
import { renderTeams } from './teams.template';

const HOSTILE = 'Late <b>again</b> *now* <!here> <https://evil.example|click> [x](https://evil.example) & "quotes"';

function alert(i: number, over: Partial<Alert> = {}): Alert {
  return {
    alertId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    caseId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    tenantId: 'acme',
    receiver: 'cx-slack',
    rulePath: ['root', 'detractors'],
    matched: { nps: 2 },
    severity: 'high',
    feedbackEventId: `20000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    summary: 'survey feedback (NPS 2) at checkout',
    createdAt: '2026-11-25T10:00:00.000Z',
    text: HOSTILE,
    customerValue: 64000,
    priority: 'p1',
    slaDueAt: '2026-11-25T14:00:00.000Z',
    caseUrl: `https://loops.example.com/dashboard#/cases/10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    ...over,
  };
}

const single: NotificationView = { receiver: 'cx-slack', title: 'CX', reason: 'single', labels: {}, groupSize: 1, alerts: [alert(1)] };
const storm: NotificationView = {
  receiver: 'cx-slack',
  title: 'CX',
  reason: 'first',
  labels: { touchpoint: 'checkout' },
  groupSize: 50,
  alerts: Array.from({ length: 50 }, (_, i) => alert(i, { priority: i === 7 ? 'p1' : 'p3' })),
};

describe('e-mail template', () => {
  it('escapes customer text in HTML and keeps it verbatim in the text part', () => {
    const mail = renderEmail(single);
    expect(mail.subject).toBe('[Loops] [P1] CX: survey feedback (NPS 2) at checkout');
    expect(mail.text).toContain(`"${HOSTILE}"`);
    expect(mail.html).toContain('Late &lt;b&gt;again&lt;/b&gt; *now* &lt;!here&gt; &lt;https://evil.example|click&gt; [x](https://evil.example) &amp; &quot;quotes&quot;');
    expect(mail.html).not.toContain('<b>again');
    for (const fact of ['P1 (high)', '64,000', '2026-11-25 14:00 UTC', 'root / detractors']) expect(mail.text).toContain(fact);
  });

  it('keeps a subject to one line whatever the summary holds', () => {
    expect(renderEmail({ ...single, alerts: [alert(1, { summary: 'a\r\nBcc: victim@example.com' })] }).subject).not.toMatch(/[\r\n]/);
  });
});

describe('Slack template', () => {
  it('puts customer words in plain_text and only Loops values in mrkdwn', () => {
    const { blocks } = renderSlack(single);
    expect(blocks).toContainEqual({ type: 'section', text: { type: 'plain_text', text: HOSTILE, emoji: false } });
    const mrkdwn = blocks.flatMap((b) => (b.type === 'section' && b.fields ? b.fields.map((f) => f.text) : []));
    expect(mrkdwn).toEqual(['*Priority*\nP1 (high)', '*Customer value*\n64,000', '*SLA due*\n2026-11-25 14:00 UTC', '*Rule*\nroot / detractors']);
  });

  it('lays out ten alerts of a storm within Slack limits and counts the rest', () => {
    const { text, blocks } = renderSlack(storm);
    expect(text).toBe('[P1] 50 alerts for CX (touchpoint=checkout)');
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blocks.filter((b) => b.type === 'actions')).toHaveLength(10);
    expect(blocks[blocks.length - 1]).toEqual({ type: 'context', elements: [{ type: 'plain_text', text: '… and 40 more alerts, each with its case in the dashboard.' }] });
  });
});

describe('Teams template', () => {
  it('puts customer words in TextRuns, never in markdown TextBlocks', () => {
    const card = renderTeams(single);
    const json = JSON.stringify(card);
    expect(json).toContain(JSON.stringify({ type: 'TextRun', text: HOSTILE, italic: true }));
    expect(card.body.some((e) => e.type === 'TextBlock')).toBe(false);
    expect(json).toContain(JSON.stringify({ type: 'Action.OpenUrl', title: 'Open case', url: single.alerts[0].caseUrl }));
  });

  it('says what kind of notification it is', () => {
    const first = JSON.stringify(renderTeams({ ...storm, reason: 'update', alerts: storm.alerts.slice(0, 2), groupSize: 52 }));
    expect(first).toContain('[P3] 2 new alerts for CX (touchpoint=checkout), 52 in the group');
    expect(JSON.stringify(renderTeams({ ...storm, reason: 'repeat', alerts: storm.alerts.slice(0, 3) }))).toContain('Reminder: 3 cases still open for CX (touchpoint=checkout)');
  });
});
