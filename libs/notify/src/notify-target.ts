import type { AdaptiveCard } from './teams/adaptive-card';
import type { SlackBlock } from './slack/slack-blocks';

/**
 * Where a notification goes. Secrets are never in the target itself, only the names of the environment
 * variables that hold them (an SMTP URL with credentials, a Slack or Teams incoming-webhook URL, which
 * is a bearer secret), so targets can be stored, logged and shown in explain output safely.
 */
export type NotifyTarget = EmailTarget | SlackTarget | TeamsTarget;

export interface EmailTarget {
  kind: 'email';
  to: string[];
  from: string;
  /** Environment variable with the SMTP URL, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://...`. */
  smtpUrlEnv: string;
}

export interface SlackTarget {
  kind: 'slack';
  /** Environment variable with the Slack incoming-webhook URL. */
  urlEnv: string;
}

export interface TeamsTarget {
  kind: 'teams';
  /** Environment variable with the Microsoft Teams incoming-webhook (or Workflows) URL. */
  urlEnv: string;
}

/**
 * One notification. `subject` and `text` are enough (a digest, a test message): Slack and Teams then get
 * a heading and the text as plain text. Templates add an HTML part and rich Slack / Teams layouts.
 */
export interface NotifyMessage {
  subject: string;
  text: string;
  /** E-mail HTML part, already escaped by whoever built it. */
  html?: string;
  slack?: { text: string; blocks: SlackBlock[] };
  teams?: AdaptiveCard;
}

export type SendOutcome =
  | { kind: 'sent' }
  /** Will not work by retrying: target refused by the SSRF guard, missing configuration, a 4xx, a 5xx SMTP reply. */
  | { kind: 'failed'; permanent: true; reason: string }
  /** Network error, timeout, 5xx, 429: worth another attempt later. */
  | { kind: 'failed'; permanent: false; reason: string };
