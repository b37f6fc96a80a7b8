import { escapeSlackMrkdwn, oneLine, SLACK_LIMITS, SlackBlock, truncate } from '@loops/notify';
import { alertFacts, customerWords, headline, labelText, NotificationView } from './notification-view';

const MAX_ALERTS = 10;

/**
 * Slack Block Kit: a header, then per alert the customer's words as `plain_text` (Slack renders no
 * formatting, links or mentions in it) and Loops' own facts as `mrkdwn`, with a button to the case. At
 * most ten alerts are laid out (a message holds 50 blocks); the rest are counted.
 */
export function renderSlack(view: NotificationView): { text: string; blocks: SlackBlock[] } {
  const title = oneLine(headline(view));
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(title, SLACK_LIMITS.headerText) } }];
  if (Object.keys(view.labels).length) {
    blocks.push({ type: 'context', elements: [{ type: 'plain_text', text: truncate(`Group ${labelText(view.labels)}: ${view.groupSize} alerts so far`, SLACK_LIMITS.sectionText) }] });
  }
  const shown = view.alerts.slice(0, MAX_ALERTS);
  for (const a of shown) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'section', text: { type: 'plain_text', text: truncate(customerWords(a), SLACK_LIMITS.sectionText), emoji: false } });
    blocks.push({
      type: 'section',
      fields: alertFacts(a).map((f) => ({ type: 'mrkdwn', text: truncate(`*${f.title}*\n${escapeSlackMrkdwn(f.value)}`, SLACK_LIMITS.fieldText) })),
    });
    if (a.caseUrl) blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open case' }, url: a.caseUrl, action_id: `case-${a.caseId}` }] });
  }
  const more = view.alerts.length - shown.length;
  if (more > 0) blocks.push({ type: 'context', elements: [{ type: 'plain_text', text: `… and ${more} more alerts, each with its case in the dashboard.` }] });
  return { text: truncate(title, SLACK_LIMITS.sectionText), blocks };
}
