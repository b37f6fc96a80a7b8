import 'reflect-metadata';
import { dump } from 'js-yaml';
import { ContractEntry, CONTRACTS } from '../catalog';
import { Topics } from '../topics';
import { reachableSchemas } from './reachable-schemas';

type JsonSchema = Record<string, unknown>;

/** The JSON Schema (draft-07) of one contract, derived from its class-validator decorators. */
export function generateJsonSchema(contract: ContractEntry): JsonSchema {
  const definitions = reachableSchemas([contract.name], '#/definitions/');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://loops.dev/schemas/${contract.type}.json`,
    title: contract.name,
    description: contract.description,
    ...definitions[contract.name],
    definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** JSON Schemas (draft-07) for every contract, derived from the class-validator decorators. */
export function generateJsonSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(CONTRACTS.map((contract) => [contract.name, generateJsonSchema(contract)]));
}

const CE_HEADERS = {
  type: 'object',
  description: 'CloudEvents 1.0 Kafka protocol binding, binary mode: attributes as ce_* headers.',
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: { type: 'string' },
    ce_source: { type: 'string' },
    ce_type: { type: 'string' },
    ce_time: { type: 'string', format: 'date-time' },
    ce_subject: { type: 'string' },
    ce_correlationid: { type: 'string' },
    'content-type': { type: 'string', const: 'application/json' },
  },
};

/** AsyncAPI 3.0 document describing every topic for integrators and ops teams. */
export function generateAsyncApi(): string {
  const schemas = generateJsonSchemas();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const contract of CONTRACTS) {
    const channelId = contract.name;
    messages[contract.name] = {
      name: contract.name,
      title: contract.type,
      summary: contract.description,
      contentType: 'application/json',
      headers: CE_HEADERS,
      payload: { $ref: `./schemas/${contract.name}.schema.json` },
      bindings: { kafka: { key: { type: 'string', description: contract.key } } },
    };
    channels[channelId] = {
      address: contract.topic,
      description: `${contract.description} Published by ${contract.publishers.join(', ')}; consumed by ${contract.subscribers.join(', ')}.`,
      messages: { [contract.name]: { $ref: `#/components/messages/${contract.name}` } },
      ...(contract.topic.includes('{receiver}')
        ? { parameters: { receiver: { description: 'Receiver name from the routing tree, [a-z0-9-].' } } }
        : {}),
    };
    operations[`on${contract.name}`] = {
      action: contract.publishers.includes('integrations') ? 'receive' : 'send',
      channel: { $ref: `#/channels/${channelId}` },
      summary: contract.description,
    };
  }
  const doc = {
    asyncapi: '3.0.0',
    info: {
      title: 'Loops event topics',
      version: '1.0.0',
      description:
        'Topics of the Loops Voice-of-the-Customer pipeline. Every message is a CloudEvent (Kafka binding, ' +
        `binary mode). Keys keep one customer's feedback on one partition. Poison messages go to ${Topics.feedbackDlq}.`,
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
  // The schemas are referenced, not inlined, so the document stays readable; both are checked in.
  void schemas;
  return dump(doc, { lineWidth: 120, noRefs: true, sortKeys: false });
}
