import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categoryOf, profileShares } from './cpu-profile-categories';

const frame = (functionName: string, url = '') => ({ functionName, url });

describe('CPU profile categories', () => {
  it.each([
    [frame('(garbage collector)'), 'garbage collection'],
    [frame('(idle)'), 'idle'],
    [frame('validate12'), 'contract validation'],
    [frame('validateSync', 'file:///repo/node_modules/class-validator/cjs/index.js'), 'contract validation'],
    [frame('findUnsafeJson', 'file:///repo/dist/libs/contracts/src/untrusted-json.js'), 'contract validation'],
    [frame('fromKafkaRecord', 'file:///repo/dist/libs/contracts/src/cloud-event.js'), 'JSON parse/stringify'],
    [frame('decode', 'file:///repo/node_modules/kafkajs/src/protocol/decoder.js'), 'kafkajs internals'],
    [frame('parseRow', 'file:///repo/node_modules/pg-protocol/dist/parser.js'), 'pg (driver + TypeORM)'],
    [frame('query', 'file:///repo/node_modules/typeorm/driver/postgres/PostgresQueryRunner.js'), 'pg (driver + TypeORM)'],
    [frame('analyzeOne', 'file:///repo/dist/libs/text-analytics/src/analyzer/default-analyzer.js'), 'text analytics'],
    [frame('write', 'file:///repo/node_modules/pino/lib/proto.js'), 'logging (pino)'],
    [frame('handle', 'file:///repo/dist/services/routing/src/inner-loop/routing.consumer.js'), 'everything else'],
  ])('%j is %s', (f, category) => expect(categoryOf(f)).toBe(category));

  it('weights samples by their interval, keeps only the window, and bills runtime frames to their caller', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-'));
    try {
      // root → kafkajs decode → node:buffer slice; root → service handler; root → (idle)
      const profile = {
        nodes: [
          { id: 1, callFrame: frame('(root)'), children: [2, 4, 5] },
          { id: 2, callFrame: frame('decode', 'file:///r/node_modules/kafkajs/src/protocol/decoder.js'), children: [3] },
          { id: 3, callFrame: frame('slice', 'node:buffer') },
          { id: 4, callFrame: frame('handle', 'file:///r/dist/services/routing/src/x.js') },
          { id: 5, callFrame: frame('(idle)') },
        ],
        startTime: 1000,
        // sample times 1100, 1200, 1300, 1400, 1500, 1600; each weighs the gap to the next one
        samples: [3, 3, 4, 5, 2, 4],
        timeDeltas: [100, 100, 100, 100, 100, 100],
      };
      writeFileSync(join(dir, 'a.cpuprofile'), JSON.stringify(profile));
      const shares = profileShares(dir, 1150, 1550);
      expect(shares.micros.get('kafkajs internals')).toBe(200); // slice at 1200 (billed to kafkajs) and decode at 1500
      expect(shares.micros.get('everything else')).toBe(100); // handle at 1300; idle at 1400 is left out
      expect(shares.total).toBe(300);
      expect(shares.otherTop[0].frame).toContain('handle');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
