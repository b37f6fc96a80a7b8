/**
 * The Adaptive Card subset Loops sends to Microsoft Teams incoming webhooks / Workflows
 * (https://adaptivecards.io/explorer/). Customer words go in `TextRun`s of a `RichTextBlock`, which
 * Teams does not parse as markdown, so text cannot turn into links or formatting.
 */
export type CardElement =
  | { type: 'TextBlock'; text: string; weight?: 'Bolder'; size?: 'Medium' | 'Large' | 'Small'; wrap?: boolean; isSubtle?: boolean }
  | { type: 'RichTextBlock'; inlines: { type: 'TextRun'; text: string; italic?: boolean; weight?: 'Bolder'; size?: 'Medium' | 'Large' | 'Small'; isSubtle?: boolean }[] }
  | { type: 'FactSet'; facts: { title: string; value: string }[] }
  | { type: 'Container'; items: CardElement[]; separator?: boolean }
  | { type: 'ActionSet'; actions: { type: 'Action.OpenUrl'; title: string; url: string }[] };

export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: '1.4';
  body: CardElement[];
  actions?: { type: 'Action.OpenUrl'; title: string; url: string }[];
}

/** The envelope a Teams incoming webhook expects around a card. */
export function teamsMessage(card: AdaptiveCard) {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}

export function adaptiveCard(body: CardElement[], actions?: AdaptiveCard['actions']): AdaptiveCard {
  return { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body, ...(actions?.length ? { actions } : {}) };
}
