import type { Complaint } from '../discovery/types';

const OPTIONAL_STRINGS = ['touchpoint', 'occurredAt', 'language'] as const;

/**
 * One JSONL line of `discover` input to a complaint: {"id","text","touchpoint"?,"occurredAt"?,"language"?}.
 * Returns undefined for a blank line; throws an Error whose message names the problem for anything else.
 */
export function parseComplaintLine(line: string): Complaint | undefined {
  const trimmed = line.trim();
  if (!trimmed) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error('not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected a JSON object');
  const raw = parsed as Record<string, unknown>;
  if (typeof raw.id !== 'string' && typeof raw.id !== 'number') throw new Error('"id" must be a string or a number');
  if (String(raw.id).length === 0) throw new Error('"id" must not be empty');
  if (typeof raw.text !== 'string') throw new Error('"text" must be a string');
  if (raw.text.trim().length === 0) throw new Error('"text" must not be empty');
  const complaint: Complaint = { id: String(raw.id), text: raw.text };
  for (const field of OPTIONAL_STRINGS) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new Error(`"${field}" must be a string`);
    complaint[field] = value;
  }
  if (complaint.occurredAt !== undefined && Number.isNaN(Date.parse(complaint.occurredAt))) throw new Error('"occurredAt" must be an ISO 8601 date-time');
  if (complaint.language !== undefined && !/^[a-z]{2,3}$/.test(complaint.language)) throw new Error('"language" must be an ISO 639-1 code such as "en"');
  return complaint;
}
