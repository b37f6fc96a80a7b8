import { nativeBrokerCount } from '../provision';
import { CLUSTER_REPLICATION, clusterNodes } from './native-kafka-cluster';
import { kraftServerProperties } from './native-kafka';

const props = (text: string) => Object.fromEntries(text.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('KRaft node configuration', () => {
  it('gives each of the three nodes its own id, ports and log dir, one quorum of all three, and replication 3 / min ISR 2', () => {
    const nodes = clusterNodes({ basePort: 29192, controllerBasePort: 29292 });
    expect(nodes).toEqual([
      { nodeId: 1, port: 29192, controllerPort: 29292 },
      { nodeId: 2, port: 29193, controllerPort: 29293 },
      { nodeId: 3, port: 29194, controllerPort: 29294 },
    ]);
    const configs = nodes.map((n) => props(kraftServerProperties(n, nodes, `/data/broker-${n.nodeId}`, undefined, CLUSTER_REPLICATION)));
    expect(configs.map((c) => c['node.id'])).toEqual(['1', '2', '3']);
    expect(new Set(configs.map((c) => c['controller.quorum.voters']))).toEqual(new Set(['1@127.0.0.1:29292,2@127.0.0.1:29293,3@127.0.0.1:29294']));
    expect(configs.map((c) => c['log.dirs'])).toEqual(['/data/broker-1', '/data/broker-2', '/data/broker-3']);
    expect(configs[1].listeners).toBe('PLAINTEXT://127.0.0.1:29193,CONTROLLER://127.0.0.1:29293');
    for (const c of configs) {
      expect(c).toMatchObject({
        'default.replication.factor': '3',
        'min.insync.replicas': '2',
        'offsets.topic.replication.factor': '3',
        'transaction.state.log.replication.factor': '3',
        'transaction.state.log.min.isr': '2',
        'unclean.leader.election.enable': 'false',
        'broker.session.timeout.ms': '6000',
      });
    }
  });

  it('keeps the single broker at replication factor 1 (what CI and the tests run)', () => {
    const node = { nodeId: 1, port: 29092, controllerPort: 29093 };
    const c = props(kraftServerProperties(node, [node], '/data', undefined));
    expect(c).toMatchObject({ 'node.id': '1', 'controller.quorum.voters': '1@127.0.0.1:29093', 'default.replication.factor': '1', 'min.insync.replicas': '1', 'offsets.topic.replication.factor': '1' });
    expect(c['broker.session.timeout.ms']).toBeUndefined();
  });

  it('reads LOOPS_KAFKA_BROKERS: unset or 1 is one broker, 3 the cluster, anything else is refused', () => {
    expect(nativeBrokerCount({})).toBe(1);
    expect(nativeBrokerCount({ LOOPS_KAFKA_BROKERS: '1' })).toBe(1);
    expect(nativeBrokerCount({ LOOPS_KAFKA_BROKERS: ' 3 ' })).toBe(3);
    expect(() => nativeBrokerCount({ LOOPS_KAFKA_BROKERS: '2' })).toThrow('LOOPS_KAFKA_BROKERS must be 1 or 3 (got "2")');
  });
});
