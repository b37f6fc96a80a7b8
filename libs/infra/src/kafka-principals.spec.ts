import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { kafkaAcls } from './kafka-principals';

const OPS: Record<number, string> = {
  [AclOperationTypes.READ]: 'read',
  [AclOperationTypes.WRITE]: 'write',
  [AclOperationTypes.CREATE]: 'create',
  [AclOperationTypes.DESCRIBE]: 'describe',
};

describe('broker ACLs: each principal limited to its topics and groups', () => {
  const table = kafkaAcls().map((a) => {
    const kind = a.resourceType === AclResourceTypes.GROUP ? 'group' : 'topic';
    const prefixed = a.resourcePatternType === ResourcePatternTypes.PREFIXED ? '*' : '';
    return `${a.principal} ${OPS[a.operation]} ${kind} ${a.resourceName}${prefixed}`;
  });

  it('grants exactly the documented matrix', () => {
    expect(table).toEqual([
      'User:ingestion read topic feedback.raw.v1',
      'User:ingestion read topic operational.raw.v1',
      'User:ingestion write topic feedback.received.v1',
      'User:ingestion write topic feedback.dlq.v1',
      'User:ingestion write topic privacy.erasure.v1',
      'User:ingestion write topic operational.measures.v1',
      'User:ingestion read group loops-ingestion*',
      'User:sentiment read topic feedback.received.v1',
      'User:sentiment read topic privacy.erasure.v1',
      'User:sentiment read topic taxonomy.v1',
      'User:sentiment write topic feedback.analyzed.v2',
      'User:sentiment write topic feedback.analyzed.v1',
      'User:sentiment write topic feedback.dlq.v1',
      'User:sentiment read group loops-sentiment*',
      'User:routing read topic feedback.analyzed.v2',
      'User:routing read topic feedback.analyzed.v1',
      'User:routing read topic insights.v1',
      'User:routing read topic privacy.erasure.v1',
      'User:routing write topic cases.v1',
      'User:routing write topic feedback.dlq.v1',
      'User:routing create topic alerts.*',
      'User:routing write topic alerts.*',
      'User:routing describe topic alerts.*',
      'User:routing read group loops-routing*',
      'User:root-cause read topic feedback.analyzed.v2',
      'User:root-cause read topic feedback.analyzed.v1',
      'User:root-cause read topic cases.v1',
      'User:root-cause read topic privacy.erasure.v1',
      'User:root-cause read topic operational.measures.v1',
      'User:root-cause write topic insights.v1',
      'User:root-cause write topic feedback.dlq.v1',
      'User:root-cause write topic actions.v1',
      'User:root-cause write topic taxonomy.v1',
      'User:root-cause read group loops-root-cause*',
      'User:integration write topic feedback.raw.v1',
      'User:integration write topic operational.raw.v1',
    ]);
  });

  it('lets only sentiment write feedback.analyzed.v1 and v2, only routing write alerts and cases', () => {
    const writers = (topic: string) => table.filter((row) => row.endsWith(`write topic ${topic}`)).map((row) => row.split(' ')[0]);
    expect(writers('feedback.analyzed.v1')).toEqual(['User:sentiment']);
    expect(writers('feedback.analyzed.v2')).toEqual(['User:sentiment']);
    expect(writers('cases.v1')).toEqual(['User:routing']);
    expect(writers('privacy.erasure.v1')).toEqual(['User:ingestion']);
    expect(writers('alerts.*')).toEqual(['User:routing']);
    expect(writers('feedback.raw.v1')).toEqual(['User:integration']);
    expect(writers('operational.raw.v1')).toEqual(['User:integration']);
    expect(writers('operational.measures.v1')).toEqual(['User:ingestion']);
    expect(writers('actions.v1')).toEqual(['User:root-cause']);
  });
});
