import type { NextFunction, Request, Response } from 'express';
import { FieldError, findUnsafeJson, isWellFormedText } from '@loops/contracts';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/;

function unsafeText(text: string): boolean {
  return CONTROL.test(text) || !isWellFormedText(text);
}

/** The first query parameter no handler should see: control characters, invalid Unicode, or given twice. */
export function queryProblem(query: unknown): FieldError | undefined {
  if (query === null || typeof query !== 'object') return undefined;
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if (unsafeText(name)) return { field: '(query)', messages: ['a query parameter name contains control characters or invalid Unicode'] };
    if (Array.isArray(value)) return { field: name, messages: [`query parameter ${name} is given more than once`] };
    if (typeof value === 'string' && unsafeText(value)) {
      return { field: name, messages: [`query parameter ${name} contains control characters or invalid Unicode`] };
    }
    if (value !== null && typeof value === 'object') return { field: name, messages: [`query parameter ${name} must be a plain value`] };
  }
  return undefined;
}

function pathProblem(path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'the request path is not valid percent-encoded UTF-8';
  }
  return unsafeText(decoded) ? 'the request path contains control characters or invalid Unicode' : undefined;
}

export interface UntrustedInputOptions {
  /**
   * Check JSON bodies here (null, NUL, lone surrogates, prototype keys, depth). Ingestion turns this off
   * and applies the same rules to each item of a batch itself, so one bad item never sinks the others.
   */
  checkBodies: boolean;
}

/**
 * The one gate every request of every service passes after JSON parsing: input that PostgreSQL cannot
 * store or that handlers are not written for is answered with a 400 naming the parameter or field,
 * instead of reaching a handler and coming back as a 500.
 */
export function untrustedInput(options: UntrustedInputOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = pathProblem(req.path);
    if (path) {
      res.status(400).json({ error: 'invalid_path', message: path });
      return;
    }
    const query = queryProblem(req.query);
    if (query) {
      res.status(400).json({ error: 'invalid_query', errors: [query] });
      return;
    }
    if (options.checkBodies && req.body !== undefined) {
      const problem = findUnsafeJson(req.body, { rejectNull: true, rejectNulInStrings: true });
      if (problem) {
        res.status(400).json({ error: 'validation_failed', errors: [problem] });
        return;
      }
    }
    next();
  };
}
