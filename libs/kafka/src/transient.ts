// SQLSTATE classes that mean "the database is unavailable or busy", not "this message is bad":
// 08 connection exception, 53 insufficient resources, 57 operator intervention (e.g. shutdown),
// 58 system error, 40001 serialization failure, 40P01 deadlock.
const TRANSIENT_SQLSTATE = /^(08|53|57|58)|^40001$|^40P01$/;
const TRANSIENT_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const TRANSIENT_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)/i;

/**
 * True when an error comes from infrastructure (database or broker unavailable) rather than from the
 * message. Such errors are retried until the infrastructure returns: sending the message to the DLQ
 * would turn an outage into data loss.
 */
export function isTransientError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; retriable?: unknown; name?: unknown; message?: unknown; cause?: unknown; driverError?: unknown };
  if (typeof e.code === 'string' && (TRANSIENT_SQLSTATE.test(e.code) || TRANSIENT_NETWORK.has(e.code))) return true;
  if (e.retriable === true) return true; // kafkajs marks broker-side retriable errors
  if (typeof e.name === 'string' && /^KafkaJS(Connection|Request|Timeout|NumberOfRetriesExceeded|Broker)/.test(e.name)) {
    return true;
  }
  if (typeof e.message === 'string' && TRANSIENT_MESSAGE.test(e.message)) return true;
  return isTransientError(e.driverError) || isTransientError(e.cause);
}
