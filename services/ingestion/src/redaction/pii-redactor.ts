import { RE2JS } from 're2js';
import { PiiKind } from '@loops/contracts';

export interface Redacted {
  text: string;
  kinds: Set<PiiKind>;
}

export interface CustomPattern {
  name: string;
  /** Compiled with re2js (linear time): a slow configured pattern cannot stall intake. */
  pattern: RE2JS;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 13-19 digits, optionally grouped by spaces or dashes: the shapes card numbers are written in.
const CARD_CANDIDATE = /\b(?:\d[ -]?){12,18}\d\b/g;
// International or local numbers with at least 8 digits; dates and short numbers stay untouched.
const PHONE = /(?<![\w])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){2,4}(?![\w])/g;

const DATE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})$/;

/** Luhn checksum: tells a payment card number from an order number of the same length. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Replaces PII in free text with typed placeholders ([EMAIL], [PHONE], [CARD], [REDACTED:name]) before
 * anything leaves ingestion, and reports which kinds it found.
 */
export class PiiRedactor {
  constructor(private readonly custom: CustomPattern[] = []) {}

  redact(input: string): Redacted {
    const kinds = new Set<PiiKind>();
    let text = input.replace(EMAIL, () => {
      kinds.add('email');
      return '[EMAIL]';
    });
    text = text.replace(CARD_CANDIDATE, (match) => {
      const digits = match.replace(/\D/g, '');
      if (digits.length < 13 || digits.length > 19 || !passesLuhn(digits)) return match;
      kinds.add('payment_card');
      return '[CARD]';
    });
    text = text.replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '');
      if (digits.length < 8 || digits.length > 15 || DATE.test(match)) return match;
      // A bare run of digits is more often an order or invoice number than a phone number.
      if (/^\d+$/.test(match) && !match.startsWith('0')) return match;
      kinds.add('phone');
      return '[PHONE]';
    });
    for (const { name, pattern } of this.custom) {
      text = pattern.matcher(text).replaceAll(() => {
        kinds.add('custom');
        return `[REDACTED:${name}]`;
      });
    }
    return { text, kinds };
  }
}
