// The guard moved to @loops/notify so every outbound HTTP sender (webhooks, Slack, Teams, digests) shares it.
export { nonPublicRange, policyFromEnv, refusalFor } from '@loops/notify';
export type { WebhookTargetPolicy } from '@loops/notify';
