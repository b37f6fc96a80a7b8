/** Who may query a table: one service, or `auth` for the API-key tables every service checks through `@loops/auth`. */
export type TableOwner = 'ingestion' | 'sentiment' | 'routing' | 'root-cause' | 'auth';

/**
 * The one owner of every table. A service's source names only its own tables in SQL; others learn through
 * events or a read model they keep (see README "Data access"). `table-owners.spec.ts` scans each service's
 * source against this map, and fails on a table a migration creates that has no owner here.
 */
export const TABLE_OWNERS: Readonly<Record<string, TableOwner>> = {
  // ingestion: accepted feedback (the feedback.received.v1 outbox) and erasure requests.
  feedback: 'ingestion',
  feedback_identities: 'ingestion',
  privacy_erasures: 'ingestion',
  // sentiment: analyses, analysts' corrections and adapters, and its read models of feedback.received.v1 and taxonomy.v1.
  analyses: 'sentiment',
  corrections: 'sentiment',
  tenant_adapters: 'sentiment',
  sentiment_feedback: 'sentiment',
  taxonomy_themes: 'sentiment',
  // routing: cases, alerts and their delivery.
  cases: 'routing',
  case_events: 'routing',
  case_feedback: 'routing',
  alerts: 'routing',
  incidents: 'routing',
  routing_trees: 'routing',
  silences: 'routing',
  suppressed_alerts: 'routing',
  notifications: 'routing',
  notification_groups: 'routing',
  notification_group_alerts: 'routing',
  webhook_deliveries: 'routing',
  // root-cause: facts and rollups, insights, the tenants' taxonomy, its read model of cases.v1, goals, actions, digests.
  feedback_facts: 'root-cause',
  rollups: 'root-cause',
  complaint_texts: 'root-cause',
  insights: 'root-cause',
  emerging_issues: 'root-cause',
  churn_models: 'root-cause',
  tenant_themes: 'root-cause',
  taxonomy_outbox: 'root-cause',
  case_summaries: 'root-cause',
  case_root_causes: 'root-cause',
  operational_measures: 'root-cause',
  goals: 'root-cause',
  actions: 'root-cause',
  action_events: 'root-cause',
  digest_subscriptions: 'root-cause',
  digest_deliveries: 'root-cause',
  // Set through root-cause's API; applied to every retained table by the store maintenance task (@loops/store).
  tenant_retention: 'root-cause',
  // auth: API keys and tenants, read through @loops/auth by every service, written by the api-keys CLI.
  api_keys: 'auth',
  tenants: 'auth',
};

/** The tables a service's source may name in SQL. */
export function tablesOwnedBy(owner: TableOwner): string[] {
  return Object.entries(TABLE_OWNERS)
    .filter(([, o]) => o === owner)
    .map(([table]) => table);
}
