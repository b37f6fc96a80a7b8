import { partitionUpperBound } from './partitioned-tables';
import { retentionCutoff } from './retention-purge';

describe('monthly partitions and retention cutoffs', () => {
  it('reads the end of the month a partition covers from its name; the default partition has none', () => {
    expect(partitionUpperBound('feedback_p202611')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(partitionUpperBound('feedback_facts_p202612')?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(partitionUpperBound('feedback_default')).toBeNull();
  });

  it('puts the cutoff the retention days before now', () => {
    expect(retentionCutoff(new Date('2026-11-25T00:00:00Z'), 30).toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });
});
