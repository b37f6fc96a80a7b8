import { sendEmail } from './email/email-sender';
import { escapeHtml, oneLine, truncate } from './escape';
import { postJson } from './http/post-json';
import type { WebhookTargetPolicy } from './http/ssrf-guard';
import type { NotifyMessage, NotifyTarget, SendOutcome } from './notify-target';
import { SLACK_LIMITS } from './slack/slack-blocks';
import { adaptiveCard, teamsMessage } from './teams/adaptive-card';

export interface NotifierOptions {
  /** Which Slack / Teams URLs may be called (the same guard as webhooks). */
  policy: WebhookTargetPolicy;
  /** Where the targets' `*Env` names are looked up; process.env by default. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Sends a message to an e-mail, Slack or Teams target. One call, one attempt: the caller owns retries
 * (routing keeps a delivery table with backoff), so a slow receiver never blocks a consumer.
 *
 * ```ts
 * const notifier = new Notifier({ policy: policyFromEnv(env.WEBHOOK_ALLOW_PRIVATE, env.WEBHOOK_ALLOWED_HOSTS) });
 * await notifier.send({ kind: 'slack', urlEnv: 'CX_SLACK_URL' }, { subject: 'Weekly digest', text: 'NPS 41 (+3)' });
 * ```
 */
export class Notifier {
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;

  constructor(private readonly options: NotifierOptions) {
    this.env = options.env ?? process.env;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  send(target: NotifyTarget, message: NotifyMessage): Promise<SendOutcome> {
    switch (target.kind) {
      case 'email':
        return sendEmail(target, { ...message, html: message.html ?? plainHtml(message) }, this.env, this.timeoutMs);
      case 'slack':
        return this.post(target.urlEnv, message.slack ?? plainSlack(message));
      case 'teams':
        return this.post(target.urlEnv, teamsMessage(message.teams ?? plainCard(message)));
    }
  }

  private async post(urlEnv: string, payload: unknown): Promise<SendOutcome> {
    const url = this.env[urlEnv];
    // The URL is itself a secret (whoever has it can post): reasons name the variable, never the value.
    if (!url) return { kind: 'failed', permanent: true, reason: `webhook URL environment variable ${urlEnv} is not set` };
    return postJson(url, payload, this.options.policy, this.timeoutMs);
  }
}

function plainHtml(message: NotifyMessage): string {
  return `<h2>${escapeHtml(oneLine(message.subject))}</h2><pre style="white-space:pre-wrap;font-family:inherit">${escapeHtml(message.text)}</pre>`;
}

function plainSlack(message: NotifyMessage) {
  return {
    text: truncate(oneLine(message.subject), SLACK_LIMITS.sectionText),
    blocks: [
      { type: 'header' as const, text: { type: 'plain_text' as const, text: truncate(oneLine(message.subject), SLACK_LIMITS.headerText) } },
      { type: 'section' as const, text: { type: 'plain_text' as const, text: truncate(message.text || ' ', SLACK_LIMITS.sectionText) } },
    ],
  };
}

function plainCard(message: NotifyMessage) {
  return adaptiveCard([
    { type: 'TextBlock', text: oneLine(message.subject), weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: message.text }] },
  ]);
}
