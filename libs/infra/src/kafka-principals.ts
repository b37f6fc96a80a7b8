import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, ResourcePatternTypes } from 'kafkajs';
import { Topics } from '@loops/contracts';

/**
 * The broker principals Loops runs with, one per service plus `admin` (topic creation, tests, operators)
 * and `integration` (external systems that publish feedback to `feedback.raw.v1` and nothing else).
 * Each service may read only the topics it consumes, write only the topics it produces, and use only
 * consumer groups named after itself: a leaked sentiment password cannot forge alerts, read cases or
 * join routing's group.
 */
export const KAFKA_PRINCIPALS = ['admin', 'ingestion', 'sentiment', 'routing', 'root-cause', 'integration'] as const;
export type KafkaPrincipal = (typeof KAFKA_PRINCIPALS)[number];
export const SERVICE_PRINCIPALS = ['ingestion', 'sentiment', 'routing', 'root-cause'] as const;

interface Grant {
  read?: string[];
  write?: string[];
  /** Topic-name prefixes the principal may create and write (routing's per-receiver alert topics). */
  createPrefixed?: string[];
  /** Consumer-group name prefix (`loops-<service>`: every group the service's consumers use). */
  groupPrefix?: string;
}

export const KAFKA_GRANTS: Record<Exclude<KafkaPrincipal, 'admin'>, Grant> = {
  // privacy.erasure.v1: ingestion takes the erasure request; every service erases what it holds.
  // operational.raw.v1 → ingestion validates → operational.measures.v1 → root-cause, like feedback.
  ingestion: {
    read: [Topics.feedbackRaw, Topics.operationalRaw],
    write: [Topics.feedbackReceived, Topics.feedbackDlq, Topics.privacyErasure, Topics.operationalMeasures],
    groupPrefix: 'loops-ingestion',
  },
  // taxonomy.v1: root-cause owns the tenants' taxonomies; sentiment keeps its read model of them.
  sentiment: { read: [Topics.feedbackReceived, Topics.privacyErasure, Topics.taxonomy], write: [Topics.feedbackAnalyzedV2, Topics.feedbackAnalyzed, Topics.feedbackDlq], groupPrefix: 'loops-sentiment' },
  routing: {
    read: [Topics.feedbackAnalyzedV2, Topics.feedbackAnalyzed, Topics.insights, Topics.privacyErasure],
    write: [Topics.cases, Topics.feedbackDlq],
    createPrefixed: ['alerts.'],
    groupPrefix: 'loops-routing',
  },
  'root-cause': {
    read: [Topics.feedbackAnalyzedV2, Topics.feedbackAnalyzed, Topics.cases, Topics.privacyErasure, Topics.operationalMeasures],
    write: [Topics.insights, Topics.feedbackDlq, Topics.actions, Topics.taxonomy],
    groupPrefix: 'loops-root-cause',
  },
  integration: { write: [Topics.feedbackRaw, Topics.operationalRaw] },
};

type Acl = Parameters<ReturnType<Kafka['admin']>['createAcls']>[0]['acl'][number];

function allow(principal: string, resourceType: AclResourceTypes, resourceName: string, pattern: ResourcePatternTypes, operation: AclOperationTypes): Acl {
  return {
    principal: `User:${principal}`,
    host: '*',
    resourceType,
    resourceName,
    resourcePatternType: pattern,
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/** The ACL entries that implement KAFKA_GRANTS (admin is a super user and needs none). */
export function kafkaAcls(): Acl[] {
  return Object.entries(KAFKA_GRANTS).flatMap(([principal, g]) => [
    ...(g.read ?? []).map((t) => allow(principal, AclResourceTypes.TOPIC, t, ResourcePatternTypes.LITERAL, AclOperationTypes.READ)),
    ...(g.write ?? []).map((t) => allow(principal, AclResourceTypes.TOPIC, t, ResourcePatternTypes.LITERAL, AclOperationTypes.WRITE)),
    ...(g.createPrefixed ?? []).flatMap((p) => [
      allow(principal, AclResourceTypes.TOPIC, p, ResourcePatternTypes.PREFIXED, AclOperationTypes.CREATE),
      allow(principal, AclResourceTypes.TOPIC, p, ResourcePatternTypes.PREFIXED, AclOperationTypes.WRITE),
      allow(principal, AclResourceTypes.TOPIC, p, ResourcePatternTypes.PREFIXED, AclOperationTypes.DESCRIBE),
    ]),
    ...(g.groupPrefix ? [allow(principal, AclResourceTypes.GROUP, g.groupPrefix, ResourcePatternTypes.PREFIXED, AclOperationTypes.READ)] : []),
  ]);
}

/** Creates the ACLs (idempotent: the broker ignores an ACL that already exists). Needs a super user's client. */
export async function applyKafkaAcls(kafka: Kafka): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const acl = kafkaAcls();
    await admin.createAcls({ acl });
    return acl.length;
  } finally {
    await admin.disconnect();
  }
}

