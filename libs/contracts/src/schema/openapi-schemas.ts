import { reachableSchemas, Schema } from './reachable-schemas';

/**
 * The named contract classes, and every class they reference, as OpenAPI component schemas derived from
 * the same class-validator decorators that validate requests, so `/docs` cannot drift from what the API
 * enforces.
 */
export function contractOpenApiSchemas(roots: string[]): Record<string, Schema> {
  return reachableSchemas(roots, '#/components/schemas/', 'openapi-3.0');
}
