import { BadRequestException } from '@nestjs/common';
import { refuseOversizedTrend, refuseUnappliedExploreFilters } from './explore-filters';

function bodyOf(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse();
  }
  throw new Error('expected a 400');
}

describe('explore filters', () => {
  it('refuses a parameter a read does not apply, naming it and what the read takes', () => {
    expect(bodyOf(() => refuseUnappliedExploreFilters('emerging-issues', { touchpoint: 'app', language: 'en' }))).toEqual({
      error: 'unsupported_filter',
      errors: [{ field: 'language', messages: ['language is not a parameter of /v1/explore/emerging-issues (it takes: from, to, touchpoint, status, limit, offset)'] }],
    });
    expect(() => refuseUnappliedExploreFilters('trends', { bucket: 'week', language: 'de', segment: 'smb' })).not.toThrow();
  });

  it('refuses a trend of more than 1,000 buckets, or one that ends before it starts', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(() => refuseOversizedTrend(from, new Date('2026-02-11T16:00:00Z'), 'hour')).not.toThrow(); // exactly 1,000 hours
    expect(bodyOf(() => refuseOversizedTrend(from, new Date('2026-04-01T00:00:00Z'), 'hour'))).toEqual({
      error: 'validation_failed',
      errors: [{ field: 'bucket', messages: ['the window holds 2160 hour buckets, at most 1000: choose a longer bucket or a shorter window'] }],
    });
    expect(bodyOf(() => refuseOversizedTrend(from, from, 'day'))).toEqual({ error: 'validation_failed', errors: [{ field: 'to', messages: ['to must be after from'] }] });
  });
});
