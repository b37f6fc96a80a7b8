import type { Application, NextFunction, Request, Response } from 'express';
import type { HttpMetrics } from '@loops/observability';

interface RouteTemplate {
  path: string;
  methods: Set<string>;
  pattern: RegExp;
}

interface RouterLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/** `/v1/cases/:caseId` → a regex matching `/v1/cases/<anything but a slash>`. */
function templatePattern(path: string): RegExp {
  const body = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}/?$`);
}

/**
 * The route template a request maps to, for requests refused before routing (body too large,
 * malformed JSON): read from the app's router table once it is built. Unknown paths are `unmatched`,
 * so a label never carries a raw URL, an id or a tenant's data.
 */
export class RouteTemplates {
  private templates?: RouteTemplate[];

  constructor(private readonly app: Application) {}

  of(method: string, path: string): string {
    this.templates ??= this.load();
    const m = method.toLowerCase();
    return this.templates.find((t) => (t.methods.has(m) || t.methods.has('_all')) && t.pattern.test(path))?.path ?? 'unmatched';
  }

  private load(): RouteTemplate[] {
    const stack = ((this.app as unknown as { router?: { stack?: RouterLayer[] } }).router?.stack ?? []) as RouterLayer[];
    return stack
      .filter((layer) => layer.route && typeof layer.route.path === 'string')
      .map((layer) => ({
        path: layer.route!.path as string,
        methods: new Set(Object.keys(layer.route!.methods)),
        pattern: templatePattern(layer.route!.path as string),
      }));
  }
}

/**
 * Counts every HTTP answer by method, route template and status, times it, and counts 4xx refusals by
 * reason (the reason a guard or parser marked, else one read from the status). Mounted first, so
 * refusals by the body parser are counted too.
 */
export function httpMetricsMiddleware(metrics: HttpMetrics, routes: RouteTemplates) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const routed = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof routed === 'string' ? routed : routes.of(req.method, req.path);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(req.method, route, res.statusCode, seconds, res.locals);
    });
    next();
  };
}
