/**
 * Escaping for customer words inside notifications. Feedback text is the customer's (redacted, but not
 * trusted): it must read as text in every receiver, never as markup, a link or a mention.
 */

/** For HTML e-mail bodies: the five characters HTML gives meaning to. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * For Slack `mrkdwn` text: `&`, `<` and `>` are Slack's control characters (links `<url|text>`,
 * mentions `<@U123>`, `<!channel>`); escaped, they print as themselves. Formatting characters (`*` `_` `~`)
 * have no escape in mrkdwn, so untrusted text goes in `plain_text` objects instead (see slackPlain).
 */
export function escapeSlackMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A header, subject or one-line field: no line breaks (a CR/LF in a subject is header injection). */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
}

/** Cuts text to `max` characters (by code point, so a surrogate pair is never split), marking the cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
