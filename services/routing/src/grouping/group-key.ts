import { deterministicUuid, FeedbackAnalyzedV2 } from '@loops/contracts';
import { read, withThemeIds } from '../routing-tree/evaluate-routing-tree';
import { GroupingSpec } from './grouping-spec';

export interface GroupIdentity {
  groupId: string;
  groupKey: string;
  labels: Record<string, unknown>;
}

/**
 * Which group an alert joins: per tenant, receiver and firing route, the values of the route's group_by
 * fields (`{ touchpoint: 'delivery' }`). Without grouping every alert is a group of its own. The id is
 * derived, so every routing instance and every redelivery agree on it.
 */
export function groupIdentity(tenantId: string, receiver: string, rulePath: string[], alertId: string, grouping: GroupingSpec | undefined, event: FeedbackAnalyzedV2 | undefined): GroupIdentity {
  if (!grouping || !event) {
    const groupKey = `alert:${alertId}`;
    return { groupId: deterministicUuid('notification-group', tenantId, receiver, groupKey), groupKey, labels: {} };
  }
  const routable = withThemeIds(event);
  const labels = Object.fromEntries(grouping.groupBy.map((field, i) => [field, read(routable, grouping.paths[i]) ?? null]));
  const groupKey = `${rulePath.join('/')}:${JSON.stringify(grouping.groupBy.map((field) => labels[field]))}`;
  return { groupId: deterministicUuid('notification-group', tenantId, receiver, groupKey), groupKey, labels };
}
