import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromFile, Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { CONTRACTS } from '../catalog';

const root = join(__dirname, '..', '..');
const schemaFiles = readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.schema.json'));

// What an integrator gets: the committed files, read as any JSON Schema or AsyncAPI tool reads them.
describe('published contract documents are valid', () => {
  it('there is one schema file per contract', () => {
    expect(schemaFiles.sort()).toEqual(CONTRACTS.map((c) => `${c.name}.schema.json`).sort());
  });

  it.each(schemaFiles)('%s compiles with ajv in strict mode and accepts no unknown property', (file) => {
    // A fresh ajv per file: every schema must stand alone, as it does for an integrator.
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8')) as Record<string, unknown>;
    const validate = ajv.compile(schema);
    expect(validate({ unexpected: true })).toBe(false);
    expect(validate.errors?.map((e) => e.keyword)).toEqual(expect.arrayContaining([expect.stringMatching(/required|additionalProperties/)]));
  });

  it('asyncapi.yaml parses with @asyncapi/parser without errors, its payload references resolved', async () => {
    const { document, diagnostics } = await fromFile(new Parser(), join(root, 'asyncapi.yaml')).parse();
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`);
    expect(errors).toEqual([]);
    expect(document).toBeDefined();
    const messages = document!.allMessages().all();
    expect(messages.map((m) => m.id()).sort()).toEqual(CONTRACTS.map((c) => c.name).sort());
    const analyzed = messages.find((m) => m.id() === 'FeedbackAnalyzed')!;
    expect(analyzed.payload()?.properties()?.feedback?.properties()?.scores?.properties()?.nps?.maximum()).toBe(10);
  }, 60000);
});
