import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@loops/observability';
import { PLATFORM_ENV, ROOT_LOGGER } from '@loops/platform';
import { RoutingEnv } from '../routing.env';
import { OutboxPublisher } from './outbox.publisher';

/**
 * Re-publishes alerts and case events left unpublished (the process died between commit and publish,
 * or the broker was down). Only rows older than a few seconds: fresh ones are being published inline.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly outbox: OutboxPublisher,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.OUTBOX_RELAY_MS <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = true;
      this.outbox
        .relay(Math.max(this.env.OUTBOX_RELAY_MS, 5000))
        .catch((error: Error) => this.logger.warn({ err: error }, 'outbox relay failed; retrying next tick'))
        .finally(() => (this.running = false));
    }, this.env.OUTBOX_RELAY_MS);
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
