import { createTransport } from 'nodemailer';
import type { EmailTarget, NotifyMessage, SendOutcome } from '../notify-target';
import { oneLine } from '../escape';

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

/**
 * Sends one e-mail (plain text plus the HTML part when there is one) through the SMTP server named by
 * the target's environment variable. The SMTP URL carries credentials, so it never appears in a returned
 * reason or a log line: reasons name the variable and the server's reply code only.
 */
export async function sendEmail(target: EmailTarget, message: NotifyMessage, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<SendOutcome> {
  const url = env[target.smtpUrlEnv];
  if (!url) return { kind: 'failed', permanent: true, reason: `SMTP environment variable ${target.smtpUrlEnv} is not set` };
  let transport;
  try {
    transport = createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  } catch {
    return { kind: 'failed', permanent: true, reason: `SMTP environment variable ${target.smtpUrlEnv} is not a valid smtp:// or smtps:// URL` };
  }
  try {
    await transport.sendMail({
      from: target.from,
      to: target.to,
      // A CR/LF in a subject would start a new header; templates already give one line, this makes sure.
      subject: oneLine(message.subject),
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
    });
    return { kind: 'sent' };
  } catch (error) {
    const e = error as SmtpError;
    // A 5xx reply (mailbox unknown, relay denied, bad credentials) will not change by retrying; 4xx and
    // connection problems might.
    const permanent = (e.responseCode !== undefined && e.responseCode >= 500) || e.code === 'EAUTH' || e.code === 'EENVELOPE';
    const reason = e.responseCode !== undefined ? `SMTP ${e.responseCode} (${e.code ?? 'error'})` : `SMTP ${e.code ?? 'error'}: could not deliver`;
    return { kind: 'failed', permanent, reason };
  } finally {
    transport.close();
  }
}
