import type { NotifyTarget } from '@loops/notify';

/** A receiver's people-facing deliveries (e-mail, Slack, Teams) and the title its messages start with. */
export interface ReceiverNotify {
  /** Shown first in subjects and headings, e.g. "Delivery detractors"; the receiver name by default. */
  title?: string;
  targets: NotifyTarget[];
}

export { DEFAULT_SMTP_URL_ENV } from '@loops/notify';
