import { parseComplaintLine } from './parse-complaint';

describe('parseComplaintLine', () => {
  it('reads a complaint with its optional fields', () => {
    expect(parseComplaintLine('{"id": 7, "text": "late again", "touchpoint": "gate", "occurredAt": "2026-11-20T10:00:00Z", "language": "en"}')).toEqual({
      id: '7',
      text: 'late again',
      touchpoint: 'gate',
      occurredAt: '2026-11-20T10:00:00Z',
      language: 'en',
    });
    expect(parseComplaintLine('   ')).toBeUndefined();
  });

  it.each([
    ['[1, 2]', 'expected a JSON object'],
    ['{"id": "a", "text": ""}', '"text" must not be empty'],
    ['{"id": "", "text": "x"}', '"id" must not be empty'],
    ['{"id": "a", "text": "x", "touchpoint": 3}', '"touchpoint" must be a string'],
    ['{"id": "a", "text": "x", "occurredAt": "yesterday"}', '"occurredAt" must be an ISO 8601 date-time'],
    ['{"id": "a", "text": "x", "language": "English"}', '"language" must be an ISO 639-1 code such as "en"'],
  ])('rejects %s', (line, message) => {
    expect(() => parseComplaintLine(line)).toThrow(message);
  });
});
