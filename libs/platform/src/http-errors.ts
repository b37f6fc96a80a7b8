import type { NextFunction, Request, Response } from 'express';
import { markRejected } from '@loops/observability';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * Turns body-parser failures into the same JSON error shape the API uses elsewhere, instead of
 * Express's HTML page: 413 for oversize bodies, 400 for malformed JSON, 415 for unsupported charsets.
 */
export function bodyParserErrors(error: BodyParserError, _req: Request, res: Response, next: NextFunction): void {
  switch (error.type) {
    case 'entity.too.large':
      res.status(413).json({ error: 'payload_too_large', message: `request body exceeds ${error.limit} bytes` });
      return;
    case 'entity.parse.failed':
      markRejected(res, 'malformed_body');
      res.status(400).json({ error: 'malformed_json', message: 'request body is not valid JSON' });
      return;
    case 'entity.verify.failed':
      markRejected(res, 'malformed_body');
      res.status(400).json({ error: 'invalid_encoding', message: 'request body is not valid UTF-8' });
      return;
    case 'charset.unsupported':
    case 'encoding.unsupported':
      res.status(415).json({ error: 'unsupported_media_type', message: error.message });
      return;
    case 'request.aborted':
      markRejected(res, 'malformed_body');
      res.status(400).json({ error: 'request_aborted', message: 'request aborted by the client' });
      return;
    default:
      next(error);
  }
}
