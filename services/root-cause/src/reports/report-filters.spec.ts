import { BadRequestException } from '@nestjs/common';
import { refuseUnappliedFilters } from './report-filters';

describe('report filters', () => {
  it('refuses a filter the report does not apply, naming it and what the report applies', () => {
    try {
      refuseUnappliedFilters('cases', { touchpoint: 'delivery', limit: '5' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error as BadRequestException).getResponse()).toEqual({
        error: 'unsupported_filter',
        errors: [{ field: 'touchpoint', messages: ['touchpoint is not a filter of /v1/reports/cases (it applies: status, pastSla, limit, offset, format)'] }],
      });
    }
  });

  it('lets through the filters a report applies', () => {
    expect(refuseUnappliedFilters('metrics', { segment: 'smb', theme: 'late', from: '2026-11-01T00:00:00Z', format: 'csv' })).toBeUndefined();
    expect(() => refuseUnappliedFilters('drivers', { theme: 'late' })).toThrow(BadRequestException);
  });
});
