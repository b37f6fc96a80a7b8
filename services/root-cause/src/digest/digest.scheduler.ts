import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Notifier, policyFromEnv } from '@loops/notify';
import { PeriodicTask, PeriodicTasks, PLATFORM_ENV } from '@loops/platform';
import { RootCauseEnv } from '../root-cause.env';
import { DigestComposer } from './digest-composer';
import { digestMessage } from './digest-render';
import { duePeriod } from './digest-schedule';
import { DigestsDataAccess } from './digests.data-access';

const SUBSCRIPTIONS_PER_PASS = 1000;
const SENDS_PER_PASS = 20;
const MAX_BACKOFF_MS = 6 * 3_600_000;

export interface DigestPass {
  recorded: number;
  sent: number;
  failed: number;
}

/**
 * Composes each subscription's newest due period once (recorded before anything is sent, so a crash never
 * loses or repeats a period), then sends pending digests through the receivers (e-mail, Slack, Teams) with
 * retries. Claims use SKIP LOCKED, so several root-cause instances share the work without sending twice.
 */
@Injectable()
export class DigestScheduler implements OnModuleInit {
  private task?: PeriodicTask<DigestPass>;
  private readonly notifier: Notifier;

  constructor(
    private readonly dataSource: DataSource,
    private readonly digests: DigestsDataAccess,
    private readonly composer: DigestComposer,
    private readonly tasks: PeriodicTasks,
    @Inject(PLATFORM_ENV) private readonly env: RootCauseEnv,
  ) {
    this.notifier = new Notifier({ policy: policyFromEnv(env.WEBHOOK_ALLOW_PRIVATE, env.WEBHOOK_ALLOWED_HOSTS) });
  }

  onModuleInit(): void {
    if (this.env.DIGEST_POLL_MS > 0) this.task = this.tasks.schedule({ name: 'digests', everyMs: this.env.DIGEST_POLL_MS, run: () => this.pass() });
  }

  pageUrl(token: string): string {
    return `${this.env.LOOPS_DASHBOARD_URL}/digests/${token}`;
  }

  /** One pass now (after any in flight); for an operator's "send now" and for tests. */
  runNow(): Promise<DigestPass> {
    return this.task ? this.task.runNow() : this.pass();
  }

  private async pass(now = new Date()): Promise<DigestPass> {
    let recorded = 0;
    for (const s of await this.digests.withLastPeriod(SUBSCRIPTIONS_PER_PASS)) {
      const period = duePeriod(s, now);
      if (s.lastPeriodEnd && s.lastPeriodEnd.getTime() >= period.to.getTime()) continue;
      const content = await this.composer.compose({ tenantId: s.tenantId, owner: s.owner, period, touchpoints: s.touchpoints, themes: s.themes }, now);
      if (await this.digests.record(s, content, now)) recorded++;
    }
    let sent = 0;
    let failed = 0;
    await this.dataSource.transaction(async (m) => {
      for (const d of await this.digests.claimDue(m, now, SENDS_PER_PASS)) {
        const outcome = await this.notifier.send(d.target!, digestMessage(d.content, this.pageUrl(d.pageToken)));
        if (outcome.kind === 'sent') {
          sent++;
          await this.digests.settle(m, d.deliveryId, { status: 'sent', error: null, nextAttemptAt: now, sentAt: new Date() });
          continue;
        }
        const attempts = d.attempts + 1;
        const giveUp = outcome.permanent || attempts >= this.env.DIGEST_MAX_ATTEMPTS;
        if (giveUp) failed++;
        const backoff = Math.min(MAX_BACKOFF_MS, this.env.DIGEST_RETRY_BASE_MS * 2 ** (attempts - 1));
        await this.digests.settle(m, d.deliveryId, { status: giveUp ? 'failed' : 'pending', error: outcome.reason, nextAttemptAt: new Date(now.getTime() + backoff), sentAt: null });
      }
    });
    return { recorded, sent, failed };
  }
}
