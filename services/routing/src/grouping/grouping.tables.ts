import { defineTable } from '@loops/store';

export interface NotificationGroupRowIn {
  group_id: string;
  tenant_id: string;
  receiver: string;
  group_key: string;
  group_labels: Record<string, unknown>;
  rule_path: string[];
  targets: unknown;
  group_wait_ms: number;
  group_interval_ms: number;
  repeat_interval_ms: number;
  next_flush_at: Date;
  created_at: Date;
}

/** One pending group of alerts per (tenant, receiver, group key). */
export const NOTIFICATION_GROUPS = defineTable<NotificationGroupRowIn>({
  name: 'notification_groups',
  columns: {
    group_id: 'uuid',
    tenant_id: 'text',
    receiver: 'text',
    group_key: 'text',
    group_labels: 'jsonb',
    rule_path: 'text[]',
    targets: 'jsonb',
    group_wait_ms: 'bigint',
    group_interval_ms: 'bigint',
    repeat_interval_ms: 'bigint',
    next_flush_at: 'timestamptz',
    created_at: 'timestamptz',
  },
  conflictKey: ['group_id'],
});

export interface NotificationGroupAlertRowIn {
  group_id: string;
  alert_id: string;
  case_id: string;
  added_at: Date;
}

export const NOTIFICATION_GROUP_ALERTS = defineTable<NotificationGroupAlertRowIn>({
  name: 'notification_group_alerts',
  columns: { group_id: 'uuid', alert_id: 'uuid', case_id: 'uuid', added_at: 'timestamptz' },
  conflictKey: ['group_id', 'alert_id'],
});

export interface NotificationRowIn {
  notification_id: string;
  group_id: string;
  tenant_id: string;
  receiver: string;
  kind: string;
  target: unknown;
  reason: string;
  group_labels: Record<string, unknown>;
  group_size: number;
  alert_ids: string[];
  status: string;
  next_attempt_at: Date;
  created_at: Date;
}

/** One message to one target (an e-mail list, a Slack or Teams webhook), delivered with retries. */
export const NOTIFICATIONS = defineTable<NotificationRowIn>({
  name: 'notifications',
  columns: {
    notification_id: 'uuid',
    group_id: 'uuid',
    tenant_id: 'text',
    receiver: 'text',
    kind: 'text',
    target: 'jsonb',
    reason: 'text',
    group_labels: 'jsonb',
    group_size: 'int',
    alert_ids: 'uuid[]',
    status: 'text',
    next_attempt_at: 'timestamptz',
    created_at: 'timestamptz',
  },
  conflictKey: ['notification_id'],
});
