import { escapeHtml, oneLine, truncate } from '@loops/notify';
import { alertFacts, customerWords, headline, labelText, NotificationView } from './notification-view';

const MAX_ALERTS = 100;
const MAX_TEXT = 2000;

/**
 * E-mail: a plain-text part and an HTML part. Every value in the HTML is escaped, so feedback that
 * contains markup shows as the characters the customer typed.
 */
export function renderEmail(view: NotificationView): { subject: string; text: string; html: string } {
  const subject = oneLine(`[Loops] ${headline(view)}`);
  const shown = view.alerts.slice(0, MAX_ALERTS);
  const more = view.alerts.length - shown.length;
  const group = Object.keys(view.labels).length ? `Group: ${labelText(view.labels)} (${view.groupSize} alerts so far)\n\n` : '';
  const text = [
    `${headline(view)}\n\n${group}`,
    ...shown.map((a) =>
      [`"${truncate(customerWords(a), MAX_TEXT)}"`, ...alertFacts(a).map((f) => `${f.title}: ${f.value}`), `Summary: ${a.summary}`, `Case: ${a.caseUrl ?? a.caseId}`, ''].join('\n'),
    ),
    more > 0 ? `... and ${more} more alerts, each with its case in the dashboard.\n` : '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:Arial,sans-serif">',
    `<h2>${escapeHtml(headline(view))}</h2>`,
    Object.keys(view.labels).length ? `<p>Group: ${escapeHtml(labelText(view.labels))} (${view.groupSize} alerts so far)</p>` : '',
    ...shown.map(
      (a) => `<div style="border-top:1px solid #ddd;padding:8px 0">
<blockquote style="margin:0 0 8px 0;white-space:pre-wrap">${escapeHtml(truncate(customerWords(a), MAX_TEXT))}</blockquote>
<table>${alertFacts(a).map((f) => `<tr><th align="left">${escapeHtml(f.title)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('')}
<tr><th align="left">Summary</th><td>${escapeHtml(a.summary)}</td></tr></table>
${a.caseUrl ? `<p><a href="${escapeHtml(a.caseUrl)}">Open the case</a></p>` : ''}</div>`,
    ),
    more > 0 ? `<p>... and ${more} more alerts, each with its case in the dashboard.</p>` : '',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
