export enum KafkaPipelineErrorCode {
  NON_RETRYABLE = 'NON_RETRYABLE',
  DLQ_PUBLISH_FAILED = 'DLQ_PUBLISH_FAILED',
}

/**
 * Thrown by a handler for a message that can never succeed (a business rule rejects it). It skips the
 * retries and goes to the DLQ with this message as its reason.
 */
export class NonRetryableError extends Error {
  readonly code = KafkaPipelineErrorCode.NON_RETRYABLE;

  constructor(message: string) {
    super(message);
    this.name = 'NonRetryableError';
  }
}
