import 'reflect-metadata';
// class-transformer does not re-export its metadata storage; the JSON Schema generator needs it for @Type.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { contractConverters } from './converters';
import { Dialect, finishClassSchema, Schema } from './finish-schemas';

export type { Dialect, Schema } from './finish-schemas';

function refsIn(value: unknown, prefix: string, out: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, prefix, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(prefix)) out.add(v.slice(prefix.length));
      else refsIn(v, prefix, out);
    }
  }
}

/**
 * JSON Schemas of the named classes and of every class they reference, derived from the same
 * class-validator decorators that validate. Only what the roots reach is returned: the metadata storage
 * also holds every other validated class loaded in the process (env config, DTOs), which must not leak
 * into published documents or make them depend on what else happened to be loaded.
 */
export function reachableSchemas(roots: string[], refPrefix: string, dialect: Dialect = 'json-schema'): Record<string, Schema> {
  const all = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: refPrefix,
    additionalConverters: contractConverters,
  }) as Record<string, Schema>;
  const picked: Record<string, Schema> = {};
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (picked[name] || !all[name]) continue;
    picked[name] = finishClassSchema(all[name], dialect);
    const refs = new Set<string>();
    refsIn(picked[name], refPrefix, refs);
    queue.push(...refs);
  }
  return picked;
}
