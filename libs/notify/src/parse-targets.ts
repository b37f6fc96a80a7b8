import type { EmailTarget, NotifyTarget } from './notify-target';

/** Where the SMTP URL is read from when an e-mail target names no variable. */
export const DEFAULT_SMTP_URL_ENV = 'LOOPS_SMTP_URL';

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
// Deliberately plain: one @, no spaces or angle brackets (which would let a value smuggle a display name
// or a second address into the header).
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

function object(raw: unknown): Record<string, unknown> | undefined {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

function envName(raw: unknown, at: string, what: string, example: string, problems: string[]): string | undefined {
  if (typeof raw === 'string' && ENV_NAME.test(raw)) return raw;
  problems.push(`${at}: expected the name of an environment variable holding ${what} (upper case, e.g. ${example})`);
  return undefined;
}

function parseEmail(raw: unknown, at: string, problems: string[]): EmailTarget | undefined {
  const e = object(raw);
  if (!e) {
    problems.push(`${at}: expected { to: [addresses], from: address, smtpUrlEnv? }`);
    return undefined;
  }
  const before = problems.length;
  for (const key of Object.keys(e)) if (!['to', 'from', 'smtpUrlEnv'].includes(key)) problems.push(`${at}.${key}: unknown key`);
  const to = typeof e.to === 'string' ? [e.to] : e.to;
  if (!Array.isArray(to) || to.length === 0 || to.length > 50) problems.push(`${at}.to: expected 1 to 50 e-mail addresses`);
  else to.forEach((a, i) => (typeof a === 'string' && ADDRESS.test(a) ? undefined : problems.push(`${at}.to[${i}]: not an e-mail address`)));
  if (typeof e.from !== 'string' || !ADDRESS.test(e.from)) problems.push(`${at}.from: expected the sender's e-mail address`);
  const smtpUrlEnv = e.smtpUrlEnv === undefined ? DEFAULT_SMTP_URL_ENV : envName(e.smtpUrlEnv, `${at}.smtpUrlEnv`, 'the SMTP URL', 'CX_SMTP_URL', problems);
  if (problems.length > before) return undefined;
  return { kind: 'email', to: to as string[], from: e.from as string, smtpUrlEnv: smtpUrlEnv! };
}

function parseChat(kind: 'slack' | 'teams', raw: unknown, at: string, problems: string[]): NotifyTarget | undefined {
  const c = object(raw);
  if (!c) {
    problems.push(`${at}: expected { urlEnv: NAME_OF_ENV_VARIABLE_WITH_THE_WEBHOOK_URL }`);
    return undefined;
  }
  for (const key of Object.keys(c)) {
    if (key === 'url') problems.push(`${at}.url: an incoming-webhook URL is a secret; put it in an environment variable and name it in urlEnv`);
    else if (key !== 'urlEnv') problems.push(`${at}.${key}: unknown key`);
  }
  if (c.url !== undefined) return undefined;
  const urlEnv = envName(c.urlEnv, `${at}.urlEnv`, `the ${kind === 'slack' ? 'Slack' : 'Teams'} incoming-webhook URL`, kind === 'slack' ? 'CX_SLACK_WEBHOOK_URL' : 'CX_TEAMS_WEBHOOK_URL', problems);
  return urlEnv ? { kind, urlEnv } : undefined;
}

/**
 * The e-mail / Slack / Teams targets of a configuration object (`{ email: {...}, slack: {...}, teams: {...} }`),
 * each problem pushed with its path so a caller can answer with every one at once. Secrets are never
 * accepted inline: only the names of the environment variables that hold them.
 */
export function parseNotifyTargets(spec: Record<string, unknown>, at: string, problems: string[]): NotifyTarget[] {
  const targets: NotifyTarget[] = [];
  if (spec.email !== undefined) {
    const email = parseEmail(spec.email, `${at}.email`, problems);
    if (email) targets.push(email);
  }
  for (const kind of ['slack', 'teams'] as const) {
    if (spec[kind] === undefined) continue;
    const chat = parseChat(kind, spec[kind], `${at}.${kind}`, problems);
    if (chat) targets.push(chat);
  }
  return targets;
}
