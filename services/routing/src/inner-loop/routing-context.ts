import { EntityManager } from 'typeorm';
import { rowsOf } from '@loops/store';
import { parseMatchObject } from '../routing-tree/parse-routing-tree';
import { ActiveSilence, OpenIncident } from './routing-decision';

export interface SilenceRow {
  silence_id: string;
  tenant_id: string;
  matchers: Record<string, unknown>;
  starts_at: Date;
  ends_at: Date;
  author: string;
  reason: string;
  created_at: Date;
}

export function toActiveSilence(row: SilenceRow): ActiveSilence {
  // Stored matchers were validated on create; problems here would mean the grammar changed since.
  const problems: string[] = [];
  return {
    silenceId: row.silence_id,
    matchers: parseMatchObject(row.matchers, 'matchers', problems),
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    author: row.author,
    reason: row.reason,
  };
}

export interface RoutingContext {
  silences(tenantId: string): ActiveSilence[];
  incidents(tenantId: string): OpenIncident[];
}

/** Silences active now and open incidents, for every tenant of a batch, in two queries. */
export async function loadRoutingContext(m: EntityManager, tenantIds: string[], now: Date): Promise<RoutingContext> {
  const silences = rowsOf<SilenceRow>(
    await m.query('SELECT * FROM silences WHERE tenant_id = ANY($1::text[]) AND starts_at <= $2 AND ends_at > $2', [tenantIds, now]),
  );
  const incidents = rowsOf<{ tenant_id: string; incident_id: string; touchpoint: string; theme: string }>(
    await m.query(`SELECT tenant_id, incident_id, touchpoint, theme FROM incidents WHERE tenant_id = ANY($1::text[]) AND status = 'open'`, [tenantIds]),
  );
  return {
    silences: (tenantId) => silences.filter((s) => s.tenant_id === tenantId).map(toActiveSilence),
    incidents: (tenantId) =>
      incidents.filter((i) => i.tenant_id === tenantId).map((i) => ({ incidentId: i.incident_id, touchpoint: i.touchpoint, theme: i.theme })),
  };
}
