import { createServer, Server } from 'node:http';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The SMTP user the client authenticated as. */
  user: string | undefined;
  envelopeTo: string[];
  mail: ParsedMail;
}

/** A real SMTP server (smtp-server) that requires the given credentials and keeps what it receives. */
export async function startSmtpSink(port: number, credentials: { user: string; pass: string }): Promise<{ received: ReceivedMail[]; close: () => Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    // Plain SMTP on loopback for the test; the sender must still authenticate.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ user: session.user as string | undefined, envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ChatPost {
  path: string;
  contentType: string | undefined;
  body: unknown;
  /** What is wrong with the payload for the platform it imitates; empty when it is well formed. */
  problems: string[];
}

/**
 * A local HTTP server standing in for Slack's or Teams' incoming-webhook endpoint: it checks each
 * payload against the platform's documented format and answers as the platform does (Slack: 200 `ok`,
 * 400 `invalid_payload`; Teams: 200 / 400).
 */
export async function startChatSink(port: number, check: (body: unknown) => string[]): Promise<{ posts: ChatPost[]; close: () => Promise<void> }> {
  const posts: ChatPost[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      let problems: string[];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        problems = check(body);
      } catch {
        problems = ['body is not JSON'];
      }
      if (req.method !== 'POST') problems.push(`method ${req.method}`);
      if (!String(req.headers['content-type']).startsWith('application/json')) problems.push(`content-type ${req.headers['content-type']}`);
      posts.push({ path: req.url ?? '', contentType: req.headers['content-type'], body, problems });
      res.writeHead(problems.length ? 400 : 200, { 'content-type': 'text/plain' }).end(problems.length ? 'invalid_payload' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { posts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function slackTextProblems(t: unknown, at: string, max: number, plainOnly = false): string[] {
  if (!isObject(t)) return [`${at}: not a text object`];
  const out: string[] = [];
  if (t.type !== 'plain_text' && (plainOnly || t.type !== 'mrkdwn')) out.push(`${at}.type: ${String(t.type)}`);
  if (typeof t.text !== 'string' || t.text.length === 0 || t.text.length > max) out.push(`${at}.text: empty or longer than ${max}`);
  return out;
}

/** Slack incoming webhook + Block Kit rules (https://api.slack.com/reference/block-kit/blocks). */
export function slackPayloadProblems(body: unknown): string[] {
  if (!isObject(body)) return ['payload is not an object'];
  const out: string[] = [];
  if (typeof body.text !== 'string' || body.text.length === 0) out.push('text: the notification fallback text is required');
  if (!Array.isArray(body.blocks) || body.blocks.length === 0 || body.blocks.length > 50) return [...out, 'blocks: 1 to 50 blocks'];
  body.blocks.forEach((b: unknown, i: number) => {
    const at = `blocks[${i}]`;
    if (!isObject(b)) return out.push(`${at}: not an object`);
    switch (b.type) {
      case 'header':
        out.push(...slackTextProblems(b.text, `${at}.text`, 150, true));
        break;
      case 'section':
        if (b.text === undefined && b.fields === undefined) out.push(`${at}: needs text or fields`);
        if (b.text !== undefined) out.push(...slackTextProblems(b.text, `${at}.text`, 3000));
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length > 10) out.push(`${at}.fields: at most 10`);
          else b.fields.forEach((f: unknown, j: number) => out.push(...slackTextProblems(f, `${at}.fields[${j}]`, 2000)));
        }
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) out.push(`${at}.elements: 1 to 10`);
        else b.elements.forEach((e: unknown, j: number) => out.push(...slackTextProblems(e, `${at}.elements[${j}]`, 3000)));
        break;
      case 'divider':
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) out.push(`${at}.elements: 1 to 25`);
        else
          b.elements.forEach((e: unknown, j: number) => {
            if (!isObject(e) || e.type !== 'button') return out.push(`${at}.elements[${j}]: not a button`);
            out.push(...slackTextProblems(e.text, `${at}.elements[${j}].text`, 75, true));
            if (typeof e.url !== 'string' || !/^https?:\/\//.test(e.url) || e.url.length > 3000) out.push(`${at}.elements[${j}].url: not an http(s) URL`);
          });
        break;
      default:
        out.push(`${at}.type: unknown block type ${String(b.type)}`);
    }
  });
  return out;
}

function cardElementProblems(e: unknown, at: string): string[] {
  if (!isObject(e)) return [`${at}: not an object`];
  switch (e.type) {
    case 'TextBlock':
      return typeof e.text === 'string' ? [] : [`${at}.text: required`];
    case 'RichTextBlock':
      return Array.isArray(e.inlines) && e.inlines.every((r) => isObject(r) && r.type === 'TextRun' && typeof r.text === 'string') ? [] : [`${at}.inlines: TextRuns with text`];
    case 'FactSet':
      return Array.isArray(e.facts) && e.facts.every((f) => isObject(f) && typeof f.title === 'string' && typeof f.value === 'string') ? [] : [`${at}.facts: title and value strings`];
    case 'Container':
      return Array.isArray(e.items) ? e.items.flatMap((item: unknown, i: number) => cardElementProblems(item, `${at}.items[${i}]`)) : [`${at}.items: required`];
    case 'ActionSet':
      return Array.isArray(e.actions) && e.actions.every((a) => isObject(a) && a.type === 'Action.OpenUrl' && typeof a.url === 'string' && /^https?:\/\//.test(a.url))
        ? []
        : [`${at}.actions: Action.OpenUrl with an http(s) url`];
    default:
      return [`${at}.type: unknown element ${String(e.type)}`];
  }
}

/** A Teams incoming-webhook message carrying one Adaptive Card (https://adaptivecards.io/explorer/). */
export function teamsPayloadProblems(body: unknown): string[] {
  if (!isObject(body)) return ['payload is not an object'];
  if (body.type !== 'message') return ['type: must be "message"'];
  if (!Array.isArray(body.attachments) || body.attachments.length !== 1) return ['attachments: exactly one card'];
  const attachment = body.attachments[0] as Json;
  if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') return ['attachments[0].contentType: application/vnd.microsoft.card.adaptive'];
  const card = attachment.content;
  if (!isObject(card) || card.type !== 'AdaptiveCard') return ['attachments[0].content.type: AdaptiveCard'];
  const out: string[] = [];
  if (typeof card.version !== 'string' || !/^1\.\d$/.test(card.version)) out.push('content.version: 1.x');
  if (card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') out.push('content.$schema');
  if (!Array.isArray(card.body) || card.body.length === 0) return [...out, 'content.body: required'];
  card.body.forEach((e: unknown, i: number) => out.push(...cardElementProblems(e, `content.body[${i}]`)));
  if (JSON.stringify(body).length > 28_000) out.push('payload larger than 28 KB');
  return out;
}

/** Every TextRun / TextBlock text of a card, in order, to find the customer's words. */
export function cardTexts(body: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      if ((v.type === 'TextRun' || v.type === 'TextBlock') && typeof v.text === 'string') out.push(v.text);
      Object.values(v).forEach(visit);
    }
  };
  visit(body);
  return out;
}
