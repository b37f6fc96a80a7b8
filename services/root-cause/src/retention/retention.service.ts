import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';

export interface RetentionSetting {
  tenantId: string;
  /** Null: the tenant's rows are kept until removed otherwise (erasure). */
  retentionDays: number | null;
  updatedAt: string | null;
}

/** The tenant_retention table: one row per tenant that has a retention; the store maintenance task applies it. */
@Injectable()
export class RetentionSettings {
  constructor(private readonly dataSource: DataSource) {}

  async get(tenantId: string): Promise<RetentionSetting> {
    const [row] = rowsOf<{ retention_days: number; updated_at: Date }>(
      await this.dataSource.query('SELECT retention_days, updated_at FROM tenant_retention WHERE tenant_id = $1', [tenantId]),
    );
    return { tenantId, retentionDays: row?.retention_days ?? null, updatedAt: row ? row.updated_at.toISOString() : null };
  }

  async set(tenantId: string, retentionDays: number, updatedBy: string): Promise<RetentionSetting> {
    await this.dataSource.query(
      `INSERT INTO tenant_retention (tenant_id, retention_days, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET retention_days = EXCLUDED.retention_days, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [tenantId, retentionDays, updatedBy],
    );
    return this.get(tenantId);
  }

  async clear(tenantId: string): Promise<RetentionSetting> {
    await this.dataSource.query('DELETE FROM tenant_retention WHERE tenant_id = $1', [tenantId]);
    return this.get(tenantId);
  }
}
