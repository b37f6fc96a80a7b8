import { registerDecorator } from 'class-validator';
import { RE2JS } from 're2js';
import { CustomPattern } from './pii-redactor';

const NAME = /^[a-z0-9_-]{1,32}$/;

export class RedactionPatternsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedactionPatternsError';
  }
}

const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

/**
 * Parses `REDACTION_PATTERNS`: a JSON array of `{"name": "order", "pattern": "ORD-\\d{6}", "flags": "i"}`.
 * Patterns are compiled with re2js (RE2 syntax, linear-time matching): even a pattern like `(a+)+` runs in
 * time proportional to the text, so a careless configuration cannot stall intake. Backreferences and
 * lookaround are refused at boot with the pattern's index.
 */
export function parseRedactionPatterns(json: string | undefined): CustomPattern[] {
  if (json === undefined || json.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new RedactionPatternsError('REDACTION_PATTERNS must be a JSON array of {"name", "pattern", "flags"?}');
  }
  if (!Array.isArray(parsed)) throw new RedactionPatternsError('REDACTION_PATTERNS must be a JSON array');
  return parsed.map((entry: unknown, i) => {
    const { name, pattern, flags } = (entry ?? {}) as { name?: unknown; pattern?: unknown; flags?: unknown };
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new RedactionPatternsError(`REDACTION_PATTERNS[${i}].name must match ${NAME}`);
    }
    if (typeof pattern !== 'string' || pattern === '') {
      throw new RedactionPatternsError(`REDACTION_PATTERNS[${i}].pattern must be a non-empty regular expression`);
    }
    if (flags !== undefined && (typeof flags !== 'string' || !/^[imsu]*$/.test(flags))) {
      throw new RedactionPatternsError(`REDACTION_PATTERNS[${i}].flags may only contain i, m, s, u`);
    }
    try {
      const mask = [...((flags as string | undefined) ?? '')].reduce((m, f) => m | FLAGS[f], 0);
      return { name, pattern: RE2JS.compile(pattern, mask) };
    } catch (error) {
      throw new RedactionPatternsError(`REDACTION_PATTERNS[${i}].pattern is not a valid linear-time (RE2) regular expression: ${(error as Error).message}`);
    }
  });
}

/** Env validation: lists a broken `REDACTION_PATTERNS` with every other problem at boot. */
export function IsRedactionPatterns(): PropertyDecorator {
  return (target, propertyName) => {
    let lastProblem = '';
    registerDecorator({
      name: 'isRedactionPatterns',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: () => lastProblem },
      validator: {
        validate(value: unknown): boolean {
          try {
            parseRedactionPatterns(typeof value === 'string' ? value : JSON.stringify(value));
            return true;
          } catch (error) {
            lastProblem = (error as Error).message;
            return false;
          }
        },
      },
    });
  };
}
