// Moved to @loops/notify with the SSRF guard, so Slack and Teams deliveries go through the same code.
export { guardedPost } from '@loops/notify';
export type { PostOutcome } from '@loops/notify';
