import { Injectable } from '@nestjs/common';
import { deterministicUuid } from '@loops/contracts';
import { AdapterTrainer } from './adapter-trainer';
import { CreateCorrectionBody } from './correction.dto';
import { CorrectionRow, CorrectionStore, WeekAccuracy } from './correction-store';
import { conflict, invalidField, notFound } from './http-errors';
import { TenantAdapters } from './tenant-adapters';
import { adaptedVersion } from '@loops/text-analytics';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const DEFAULT_WEEKS = 12;

export function correctionView(r: CorrectionRow) {
  return {
    correctionId: r.correction_id,
    feedbackEventId: r.feedback_event_id,
    analyzer: { name: r.analyzer_name, version: r.analyzer_version },
    original: { sentiment: r.original_label, themes: r.original_themes },
    corrected: { sentiment: r.corrected_label, themesAdded: r.themes_added, themesRemoved: r.themes_removed },
    note: r.note,
    correctedBy: r.corrected_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function encodeCursor(r: CorrectionRow): string {
  return Buffer.from(`${new Date(r.created_at).toISOString()}|${r.correction_id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw invalidField('cursor', 'cursor is not one this API returned');
  return { at, id };
}

function ratio(agreed: number, total: number): number | null {
  return total === 0 ? null : Math.round((agreed / total) * 1000) / 1000;
}

function accuracyView(rows: WeekAccuracy[]) {
  const sum = (pick: (r: WeekAccuracy) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const [reviewed, sentimentReviewed, sentimentAgreed, themesAgreed] = [
    sum((r) => r.reviewed),
    sum((r) => r.sentiment_reviewed),
    sum((r) => r.sentiment_agreed),
    sum((r) => r.themes_agreed),
  ];
  return {
    reviewed,
    sentiment: {
      reviewed: sentimentReviewed,
      agreed: sentimentAgreed,
      accuracy: ratio(sentimentAgreed, sentimentReviewed),
    },
    themes: { reviewed, agreed: themesAgreed, accuracy: ratio(themesAgreed, reviewed) },
  };
}

/** Corrections of one tenant's analyses: record, retrain its adapter, list, and measure accuracy. */
@Injectable()
export class CorrectionsService {
  constructor(
    private readonly store: CorrectionStore,
    private readonly trainer: AdapterTrainer,
    private readonly adapters: TenantAdapters,
  ) {}

  async create(tenantId: string, body: CreateCorrectionBody) {
    const added = [...new Set(body.themesAdded ?? [])].sort();
    const removed = [...new Set(body.themesRemoved ?? [])].sort();
    if (body.sentiment === undefined && added.length === 0 && removed.length === 0) {
      throw invalidField('sentiment', 'state the right sentiment, or themes to add or remove');
    }
    // Another tenant's item is indistinguishable from an unknown one.
    const item = await this.store.item(tenantId, body.feedbackEventId);
    if (!item) throw notFound(`feedback ${body.feedbackEventId} not found`);
    if (!item.analysis)
      throw conflict(
        `feedback ${body.feedbackEventId} has not been analysed yet; correct it once its analysis is stored`,
      );
    const { analysis } = item;
    const alreadyThere = added.filter((t) => analysis.themes.includes(t));
    if (alreadyThere.length > 0)
      throw invalidField('themesAdded', `the analysis already has ${alreadyThere.join(', ')}`);
    const notThere = removed.filter((t) => !analysis.themes.includes(t));
    if (notThere.length > 0)
      throw invalidField(
        'themesRemoved',
        `the analysis does not have ${notThere.join(', ')} (it has: ${analysis.themes.join(', ') || 'none'})`,
      );
    const note = body.note?.trim() || null;
    const correctedBy = body.correctedBy.trim();
    // The id is the content: the same correction sent twice is one row, and is learned and counted once.
    const correctionId = deterministicUuid(
      'correction',
      tenantId,
      body.feedbackEventId,
      analysis.version,
      body.sentiment ?? '',
      added.join(','),
      removed.join(','),
      note ?? '',
      correctedBy,
    );
    const { created, row } = await this.store.insert({
      correction_id: correctionId,
      tenant_id: tenantId,
      feedback_event_id: body.feedbackEventId,
      analyzer_name: analysis.name,
      analyzer_version: analysis.version,
      original_label: analysis.label,
      original_themes: analysis.themes,
      corrected_label: body.sentiment ?? null,
      themes_added: added,
      themes_removed: removed,
      note,
      corrected_by: correctedBy,
    });
    if (!created)
      return { created, correction: correctionView(row), adapter: await this.adapterView(tenantId) };
    const trained = await this.trainer.retrain(tenantId);
    return {
      created,
      correction: correctionView(row),
      adapter: {
        revision: trained.revision,
        analyzerVersion: adaptedVersion(trained.model.baseAnalyzer.version, trained.revision),
        trainedOn: trained.trainedOn,
        trainedInMs: trained.trainedInMs,
      },
    };
  }

  private async adapterView(tenantId: string) {
    const current = await this.adapters.current(tenantId);
    return current
      ? {
          revision: current.model.revision,
          analyzerVersion: current.version,
          trainedOn: current.model.trainedOn,
        }
      : null;
  }

  async list(tenantId: string, limit = 50, cursor?: string, feedbackEventId?: string) {
    const rows = await this.store.list(
      tenantId,
      limit,
      cursor ? decodeCursor(cursor) : undefined,
      feedbackEventId,
    );
    return {
      items: rows.map(correctionView),
      nextCursor: rows.length === limit ? encodeCursor(rows[rows.length - 1]) : null,
    };
  }

  async accuracy(tenantId: string, since?: string) {
    const from = since ? new Date(since) : new Date(Date.now() - DEFAULT_WEEKS * WEEK_MS);
    const rows = await this.store.accuracy(tenantId, from);
    const weeks = new Map<string, WeekAccuracy[]>();
    for (const r of rows) {
      const week = new Date(r.week_start).toISOString();
      weeks.set(week, [...(weeks.get(week) ?? []), r]);
    }
    const versions = new Map<string, WeekAccuracy[]>();
    for (const r of rows) versions.set(r.analyzer_version, [...(versions.get(r.analyzer_version) ?? []), r]);
    return {
      since: from.toISOString(),
      weeks: [...weeks.entries()].map(([weekStart, group]) => ({ weekStart, ...accuracyView(group) })),
      total: accuracyView(rows),
      // Whether the tenant's adapter helps: the same measure for analyses by the shipped analyzer and by each revision.
      byAnalyzerVersion: [...versions.entries()].map(([version, group]) => ({
        version,
        ...accuracyView(group),
      })),
      adapter: await this.adapterView(tenantId),
    };
  }
}
