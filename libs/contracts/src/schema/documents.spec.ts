import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS } from '../catalog';
import { generateAsyncApi, generateJsonSchemas } from './generate-documents';

const root = join(__dirname, '..', '..');

// CI fails when a contract class changed but the published documents were not regenerated
// (`npx nx run contracts:schemas`), so integrators never read a stale schema.
describe('published contract documents', () => {
  const schemas = generateJsonSchemas();

  it.each(CONTRACTS.map((c) => c.name))('schemas/%s.schema.json matches the class', (name) => {
    const committed = JSON.parse(readFileSync(join(root, 'schemas', `${name}.schema.json`), 'utf8'));
    expect(committed).toEqual(schemas[name]);
  });

  it('asyncapi.yaml matches the catalog', () => {
    expect(readFileSync(join(root, 'asyncapi.yaml'), 'utf8')).toEqual(generateAsyncApi());
  });

  it('the FeedbackReceived schema requires the tenant and constrains NPS to 0-10', () => {
    const schema = schemas.FeedbackReceived as {
      required: string[];
      definitions: Record<string, { properties: Record<string, { minimum?: number; maximum?: number }> }>;
    };
    expect(schema.required).toEqual(expect.arrayContaining(['tenantId', 'eventId', 'channel', 'text']));
    expect(schema.definitions.Scores.properties.nps).toMatchObject({ minimum: 0, maximum: 10 });
  });
});
