import { parseInputLine } from './parse-input';

describe('parseInputLine', () => {
  it('reads JSONL with scores and language', () => {
    expect(parseInputLine('{"id":7,"text":"hi","language":"en","scores":{"nps":3}}', 1)).toEqual({ id: '7', text: 'hi', language: 'en', tenantId: undefined, scores: { nps: 3, csat: undefined, ces: undefined } });
  });
  it('reads TSV with and without id, and skips headers and blank lines', () => {
    expect(parseInputLine('a1\tthe text\tid', 2)).toEqual({ id: 'a1', text: 'the text', language: 'id' });
    expect(parseInputLine('just text', 3)).toEqual({ id: '3', text: 'just text' });
    expect(parseInputLine('id\ttext', 1)).toBeUndefined();
    expect(parseInputLine('   ', 4)).toBeUndefined();
  });
  it('rejects JSON without text', () => {
    expect(() => parseInputLine('{"id":"x"}', 1)).toThrow('missing "text"');
  });
});
