import { DataSource } from 'typeorm';
import { ReportingStore1732350000000 } from './migrations/1732350000000-reporting-store';
import { OuterLoop1732400000000 } from './migrations/1732400000000-outer-loop';
import { RoutingInnerLoop1732450000000 } from './migrations/1732450000000-routing-inner-loop';
import { TenantThemes1732500000000 } from './migrations/1732500000000-tenant-themes';
import { Corrections1732600000000 } from './migrations/1732600000000-corrections';
import { ComplaintTexts1732605000000 } from './migrations/1732605000000-complaint-texts';
import { KeyScopesAndLimits1732610000000 } from './migrations/1732610000000-key-scopes-and-limits';
import { EvidenceAndPrivacy1732630000000 } from './migrations/1732630000000-evidence-and-privacy';
import { CaseSummaries1732710000000 } from './migrations/1732710000000-case-summaries';
import { OutboxTraceContext1732715000000 } from './migrations/1732715000000-outbox-trace-context';
import { PartitionedStore1732720000000 } from './migrations/1732720000000-partitioned-store';
import { CaseQueueIndex1732721000000 } from './migrations/1732721000000-case-queue-index';
import { NotificationGroups1732730000000 } from './migrations/1732730000000-notification-groups';
import { GoalsActionsOperational1732750000000 } from './migrations/1732750000000-goals-actions-operational';
import { DepartmentViews1732760000000 } from './migrations/1732760000000-department-views';
import { Digests1732770000000 } from './migrations/1732770000000-digests';
import { TableOwnership1732790000000 } from './migrations/1732790000000-table-ownership';

export const MIGRATIONS = [
  ReportingStore1732350000000,
  OuterLoop1732400000000,
  RoutingInnerLoop1732450000000,
  TenantThemes1732500000000,
  Corrections1732600000000,
  ComplaintTexts1732605000000,
  KeyScopesAndLimits1732610000000,
  EvidenceAndPrivacy1732630000000,
  CaseSummaries1732710000000,
  OutboxTraceContext1732715000000,
  PartitionedStore1732720000000,
  CaseQueueIndex1732721000000,
  NotificationGroups1732730000000,
  GoalsActionsOperational1732750000000,
  DepartmentViews1732760000000,
  Digests1732770000000,
  TableOwnership1732790000000,
];

export interface StoreOptions {
  url: string;
  /** Pool size; each service instance holds at most this many connections. */
  poolSize?: number;
  applicationName?: string;
}

/** The reporting store's DataSource. The schema comes from migrations only: `synchronize` stays off. */
export function createDataSource(options: StoreOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    // Every table is read and written through its owning service's typed data-access module (no entities).
    entities: [],
    url: options.url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName,
    extra: { application_name: options.applicationName },
  });
}
