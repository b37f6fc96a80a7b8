import { FeedbackReceived, FlatAttributes, PiiKind } from '@loops/contracts';
import { PiiRedactor } from '../redaction/pii-redactor';
import { CustomerPseudonymizer } from './customer-pseudonymizer';

function redactFlat(values: FlatAttributes | undefined, redactor: PiiRedactor, kinds: Set<PiiKind>): FlatAttributes | undefined {
  if (!values) return undefined;
  const out: FlatAttributes = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'string') {
      out[key] = value;
      continue;
    }
    const redacted = redactor.redact(value);
    for (const kind of redacted.kinds) kinds.add(kind);
    out[key] = redacted.text;
  }
  return out;
}

function redactString(value: string | undefined, redactor: PiiRedactor, kinds: Set<PiiKind>): string | undefined {
  if (value === undefined) return undefined;
  const redacted = redactor.redact(value);
  for (const kind of redacted.kinds) kinds.add(kind);
  return redacted.text;
}

/**
 * The last step before an event is stored as published and sent: PII patterns are redacted in every
 * free string beyond the text and title (attributes, the channel payload's details, product, location),
 * and the customer id is replaced by its pseudonym. Returns a new event; the input is untouched, so the
 * caller still holds the raw id for the one place the tenant keeps it (ingestion's feedback row).
 */
export function protectEvent(event: FeedbackReceived, redactor: PiiRedactor, pseudonyms: CustomerPseudonymizer): FeedbackReceived {
  const kinds = new Set<PiiKind>(event.redactions);
  const out: FeedbackReceived = { ...event };
  const attributes = redactFlat(event.attributes, redactor, kinds);
  const details = redactFlat(event.details, redactor, kinds);
  const product = redactString(event.product, redactor, kinds);
  const location = redactString(event.location, redactor, kinds);
  if (attributes) out.attributes = attributes;
  if (details) out.details = details;
  if (product !== undefined) out.product = product;
  if (location !== undefined) out.location = location;
  if (event.customer?.id !== undefined) out.customer = { ...event.customer, id: pseudonyms.pseudonym(event.tenantId, event.customer.id) };
  out.redactions = [...kinds].sort();
  return out;
}
