import type { Request, Response } from 'express';
import { toCsv } from './csv';

/**
 * JSON `{ ...extra, items }` by default; `?format=csv` (or Accept: text/csv) gives the items as CSV for spreadsheets.
 * For the reports outside ReportsController (goals, actions, operational measures).
 */
export function jsonOrCsv(req: Request, res: Response, format: 'json' | 'csv' | undefined, name: string, items: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  const csv = format === 'csv' || (format === undefined && (req.headers.accept ?? '').startsWith('text/csv'));
  if (csv) {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    return toCsv(items);
  }
  return { ...extra, items };
}
