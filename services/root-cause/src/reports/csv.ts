/**
 * Cells that spreadsheet programs would run as formulas get a leading quote (CSV injection): text starting with
 * `=`, `+`, `-`, `@`, tab or CR.
 *
 * Exception: a cell that is only a number (`-1.68`, `+3`, `1e-5`) or a numeric range of two numbers (`-1.68..47.4`,
 * how reports write confidence intervals) is left untouched. Such a cell holds nothing but digits, one sign, dots
 * and an exponent, so it cannot name a function, a cell reference or a command: the worst a spreadsheet does is
 * read it as a number, which is what it is. Quoting it would turn `-1.68` into the text `'-1.68`.
 */
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?`;
const NUMERIC = new RegExp(`^${NUMBER}(?:\\.\\.${NUMBER})?$`);

/** True when a spreadsheet could execute the text as a formula; plain numbers and numeric ranges are not. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA.test(text) && !NUMERIC.test(text);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(';') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && looksLikeFormula(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of flat rows; the header is the union of keys in first-seen order. */
export function toCsv(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
