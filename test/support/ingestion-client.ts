import { FeedbackReceived, Topics } from '@loops/contracts';
import { SeenMessage, TopicProbe } from './kafka-probe';

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** POSTs to the ingestion API with an API key; `body` may be a value (sent as JSON) or raw bytes. */
export async function postFeedback<T = Record<string, unknown>>(
  baseUrl: string,
  path: string,
  apiKey: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      ...headers,
    },
    body: Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** Published `feedback.received.v1` events of one tenant, as the probe saw them. */
export function receivedFor(probe: TopicProbe, tenantId: string): FeedbackReceived[] {
  return probe.messages
    .filter((m: SeenMessage) => m.topic === Topics.feedbackReceived && (m.event.data as FeedbackReceived)?.tenantId === tenantId)
    .map((m) => m.event.data as FeedbackReceived);
}

export function waitForReceived(probe: TopicProbe, eventId: string): Promise<FeedbackReceived> {
  return probe
    .waitFor((m) => m.topic === Topics.feedbackReceived && (m.event.data as FeedbackReceived)?.eventId === eventId)
    .then((m) => m.event.data as FeedbackReceived);
}
