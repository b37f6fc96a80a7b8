import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAsyncApi, generateJsonSchemas } from './generate-documents';

/** Regenerates `libs/contracts/schemas/*.schema.json` and `libs/contracts/asyncapi.yaml`. */
export function writeContractDocuments(contractsRoot: string): string[] {
  const schemaDir = join(contractsRoot, 'schemas');
  mkdirSync(schemaDir, { recursive: true });
  const written: string[] = [];
  for (const [name, schema] of Object.entries(generateJsonSchemas())) {
    const file = join(schemaDir, `${name}.schema.json`);
    writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    written.push(file);
  }
  const asyncApiFile = join(contractsRoot, 'asyncapi.yaml');
  writeFileSync(asyncApiFile, generateAsyncApi());
  written.push(asyncApiFile);
  return written;
}

if (require.main === module) {
  for (const file of writeContractDocuments(join(__dirname, '..', '..'))) console.log(`wrote ${file}`);
}
