export interface BatchItemResult {
  index: number;
  status: 'accepted' | 'duplicate' | 'rejected';
  eventId?: string;
  errors?: { field: string; messages: string[] }[];
}

const MAX_ATTEMPTS = 8;

/**
 * POSTs one batch to the ingestion API. Rate limits are waited out (Retry-After); network errors and
 * 5xx are retried with backoff, which is safe because the API de-duplicates on the external id.
 */
export async function sendBatch(baseUrl: string, apiKey: string, items: unknown[]): Promise<BatchItemResult[]> {
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    let detail = '';
    try {
      const res = await fetch(`${baseUrl}/v1/feedback/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ items }),
      });
      status = res.status;
      if (status === 200) return ((await res.json()) as { results: BatchItemResult[] }).results;
      detail = await res.text();
      if (status === 429) {
        await sleep(Number(res.headers.get('retry-after') ?? '1') * 1000);
        attempt--;
        continue;
      }
      // Anything else 4xx (bad key, body too large) will not get better by retrying.
      if (status < 500) throw new ImportAbort(`the API answered ${status}: ${detail.slice(0, 500)}`);
    } catch (error) {
      if (error instanceof ImportAbort) throw error;
      detail = (error as Error).message;
    }
    if (attempt >= MAX_ATTEMPTS) throw new ImportAbort(`giving up after ${attempt} attempts (last: ${status || detail})`);
    await sleep(Math.min(30000, 250 * 2 ** attempt));
  }
}

export class ImportAbort extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportAbort';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
