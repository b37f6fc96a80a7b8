import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadAnalyzer } from './load-analyzer';

describe('loadAnalyzer', () => {
  it('loads the default analyzer', async () => {
    const analyzer = await loadAnalyzer();
    expect(analyzer.name).toBe('loops-default');
    expect(analyzer.analyze([{ id: '1', text: 'Great service, thank you!' }])[0].sentiment.label).toBe('positive');
  });

  it('loads a module analyzer by path, passing options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-'));
    const path = join(dir, 'fake-analyzer.js');
    writeFileSync(path, `exports.createAnalyzer = async (options) => ({ name: 'fake', version: options.v, analyze: (items) => items.map((item) => ({ id: item.id, language: 'und', languageConfidence: 0, sentiment: { label: 'neutral', score: 0, confidence: 1 }, themes: [], keyPhrases: [], analyzer: { name: 'fake', version: options.v } })) });`);
    const analyzer = await loadAnalyzer({ kind: 'module', path, options: { v: '9.9' } });
    expect(analyzer.version).toBe('9.9');
    expect(analyzer.analyze([{ id: 'a', text: 'x' }])[0].analyzer).toEqual({ name: 'fake', version: '9.9' });
  });

  it('rejects a module that is not an analyzer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-'));
    const path = join(dir, 'not-analyzer.js');
    writeFileSync(path, 'exports.something = 1;');
    await expect(loadAnalyzer({ kind: 'module', path })).rejects.toThrow('does not provide an Analyzer');
  });
});
