import { queryProblem } from './untrusted-input';

describe('queryProblem', () => {
  it('names a parameter carrying NUL, other control characters or invalid Unicode', () => {
    expect(queryProblem({ segment: '\u0000' })).toEqual({ field: 'segment', messages: ['query parameter segment contains control characters or invalid Unicode'] });
    expect(queryProblem({ assignee: 'a\r\nb' })?.field).toBe('assignee');
    expect(queryProblem({ theme: 'x\ud800' })?.field).toBe('theme');
  });

  it('refuses a parameter given twice, since every handler reads one value', () => {
    expect(queryProblem({ status: ['open', 'resolved'] })).toEqual({ field: 'status', messages: ['query parameter status is given more than once'] });
  });

  it('accepts ordinary values, Unicode included', () => {
    expect(queryProblem({ touchpoint: 'pengiriman', theme: 'späte Lieferung 😀', limit: '10' })).toBeUndefined();
  });
});
