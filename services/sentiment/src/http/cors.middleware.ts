import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

export const CORS_ORIGINS = Symbol('CORS_ORIGINS');

/**
 * Lets the CX dashboard (served by root-cause on another origin) call this service's API from the browser.
 * Only the configured origins are echoed back; credentials are the API key in a header, never cookies.
 */
@Injectable()
export class CorsMiddleware implements NestMiddleware {
  constructor(@Inject(CORS_ORIGINS) private readonly origins: string[]) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const origin = req.headers.origin;
    if (origin && this.origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-API-Key');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(origin && this.origins.includes(origin) ? 204 : 403).end();
      return;
    }
    next();
  }
}
