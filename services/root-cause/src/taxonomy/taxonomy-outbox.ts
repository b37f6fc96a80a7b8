import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newCloudEvent, TENANT_THEME_DEFINED_TYPE, TenantThemeDefined, toKafkaRecord, Topics } from '@loops/contracts';
import { Outbox, Outboxes } from '@loops/platform';
import { insertRows } from '@loops/store';
import { TAXONOMY_OUTBOX, TaxonomyOutboxRow } from '../store/root-cause.tables';

/** A theme of a tenant as `tenant_themes` holds it after a change. */
export interface TenantTheme {
  tenantId: string;
  themeId: string;
  label: string;
  phrases: Record<string, string[]>;
  updatedAt: Date;
}

/**
 * The tenants' theme changes on taxonomy.v1 (keyed by tenant: one tenant's changes in order). Staged in the
 * transaction that changed the theme, published right after it, and by the relay after a crash or an outage.
 */
@Injectable()
export class TaxonomyOutbox {
  private readonly outbox: Outbox<TenantThemeDefined, TaxonomyOutboxRow>;

  constructor(outboxes: Outboxes) {
    this.outbox = outboxes.create<TenantThemeDefined, TaxonomyOutboxRow>(
      {
        name: 'taxonomy',
        table: TAXONOMY_OUTBOX.name,
        id: { column: 'change_id', type: 'uuid' },
        since: 'updated_at',
        select: 'change_id, tenant_id, theme_id, label, phrases, updated_at',
        fromRow: (r) => themeDefined(r),
        idOf: (e) => e.changeId,
        toRecords: (events) => [
          {
            topic: Topics.taxonomy,
            records: events.map((e) =>
              toKafkaRecord(newCloudEvent({ type: TENANT_THEME_DEFINED_TYPE, source: 'loops/root-cause', id: e.changeId, subject: e.themeId, time: e.updatedAt, data: e }), e.tenantId),
            ),
          },
        ],
      },
      { relayEveryMs: 5000, relayAfterMs: 2000, batchSize: 500 },
    );
  }

  /** Stages the theme as it now stands, in the caller's transaction; returns the event to publish after commit. */
  async stage(m: EntityManager, theme: TenantTheme): Promise<TenantThemeDefined> {
    const row: TaxonomyOutboxRow = {
      change_id: randomUUID(),
      tenant_id: theme.tenantId,
      theme_id: theme.themeId,
      label: theme.label,
      phrases: theme.phrases,
      updated_at: theme.updatedAt,
    };
    await insertRows(m, TAXONOMY_OUTBOX, [row]);
    return themeDefined(row);
  }

  /** Sends committed changes now; if Kafka is away they stay for the relay (the change itself is durable). */
  publishOrLeave(events: TenantThemeDefined[]): Promise<boolean> {
    return this.outbox.publishOrLeave(events);
  }
}

function themeDefined(r: TaxonomyOutboxRow): TenantThemeDefined {
  return {
    changeId: r.change_id,
    tenantId: r.tenant_id,
    themeId: r.theme_id,
    label: r.label,
    phrases: Object.entries(r.phrases).map(([language, phrases]) => ({ language, phrases })),
    updatedAt: r.updated_at.toISOString(),
  };
}
