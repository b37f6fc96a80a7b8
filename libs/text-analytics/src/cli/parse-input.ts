import type { AnalyzerInput, SurveyScores } from '../types';

export type InputFormat = 'jsonl' | 'tsv';

/** A TSV header line ("id<TAB>text...") is recognized and skipped. */
const TSV_HEADER = /^(id\t)?(text|review|comment)(\t|$)/i;

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function parseScores(value: unknown): SurveyScores | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const raw = value as Record<string, unknown>;
  const scores: SurveyScores = { nps: optionalNumber(raw.nps), csat: optionalNumber(raw.csat), ces: optionalNumber(raw.ces) };
  return scores.nps === undefined && scores.csat === undefined && scores.ces === undefined ? undefined : scores;
}

/**
 * One input line to an analyzer item; undefined for blank lines and TSV headers. The format is auto-detected per
 * line (a line starting with "{" is JSON) unless forced. TSV: `id<TAB>text[<TAB>language]`, or just `text`
 * (the id is then the line number).
 */
export function parseInputLine(line: string, lineNumber: number, format?: InputFormat): AnalyzerInput | undefined {
  const trimmed = line.trim();
  if (!trimmed) return undefined;
  if (format === 'jsonl' || (format === undefined && trimmed.startsWith('{'))) {
    const parsed = JSON.parse(trimmed) as Record<string, unknown>;
    if (typeof parsed.text !== 'string') throw new Error('missing "text"');
    return {
      id: parsed.id === undefined ? String(lineNumber) : String(parsed.id),
      text: parsed.text,
      language: typeof parsed.language === 'string' ? parsed.language : undefined,
      tenantId: typeof parsed.tenantId === 'string' ? parsed.tenantId : undefined,
      scores: parseScores(parsed.scores),
    };
  }
  if (TSV_HEADER.test(line)) return undefined;
  const fields = line.split('\t');
  if (fields.length === 1) return { id: String(lineNumber), text: fields[0] };
  return { id: fields[0], text: fields[1], language: fields[2] || undefined };
}
