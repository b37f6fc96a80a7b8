import { AdaptiveCard, adaptiveCard, CardElement, oneLine, truncate } from '@loops/notify';
import { alertFacts, customerWords, headline, labelText, NotificationView } from './notification-view';

const MAX_ALERTS = 10;
const MAX_TEXT = 2000;

/**
 * Microsoft Teams Adaptive Card. Anything that can carry customer or integration words (the headline
 * names the touchpoint, the feedback text) goes in `TextRun`s, which Teams shows verbatim: no markdown,
 * so no injected links or formatting. Facts are Loops' own values in a FactSet.
 */
export function renderTeams(view: NotificationView): AdaptiveCard {
  const body: CardElement[] = [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: oneLine(headline(view)), weight: 'Bolder', size: 'Medium' }] }];
  if (Object.keys(view.labels).length) {
    body.push({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `Group ${labelText(view.labels)}: ${view.groupSize} alerts so far`, isSubtle: true }] });
  }
  const shown = view.alerts.slice(0, MAX_ALERTS);
  for (const a of shown) {
    const items: CardElement[] = [
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: truncate(customerWords(a), MAX_TEXT), italic: true }] },
      { type: 'FactSet', facts: alertFacts(a) },
    ];
    if (a.caseUrl) items.push({ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Open case', url: a.caseUrl }] });
    body.push({ type: 'Container', separator: true, items });
  }
  const more = view.alerts.length - shown.length;
  if (more > 0) body.push({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `… and ${more} more alerts, each with its case in the dashboard.`, isSubtle: true }] });
  return adaptiveCard(body);
}
