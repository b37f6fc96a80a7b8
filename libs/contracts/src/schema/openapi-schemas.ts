import 'reflect-metadata';
// class-transformer does not re-export its metadata storage; the JSON Schema generator needs it for @Type.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

type Schema = Record<string, unknown>;
const REF_PREFIX = '#/components/schemas/';

function refsIn(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) out.add(v.slice(REF_PREFIX.length));
      else refsIn(v, out);
    }
  }
}

/**
 * The named contract classes, and every class they reference, as OpenAPI component schemas derived from
 * the same class-validator decorators that validate requests, so `/docs` cannot drift from what the API
 * enforces. Only what the roots reach is returned: other validated classes (env config) stay private.
 */
export function contractOpenApiSchemas(roots: string[]): Record<string, Schema> {
  const all = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: REF_PREFIX,
  }) as Record<string, Schema>;
  const picked: Record<string, Schema> = {};
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (picked[name] || !all[name]) continue;
    picked[name] = all[name];
    const refs = new Set<string>();
    refsIn(all[name], refs);
    queue.push(...refs);
  }
  return picked;
}
