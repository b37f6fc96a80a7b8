import { Injectable } from '@nestjs/common';
import { deterministicUuid } from '@loops/contracts';
import { AdapterTrainer } from './adapter-trainer';
import { CreateCorrectionBody } from './correction.dto';
import { CorrectionRow, CorrectionStore } from './correction-store';
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
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw invalidField('cursor', 'cursor is not one this API returned');
  return { at, id };
}

function ratio(agreed: number, total: number): number | null {
  return total === 0 ? null : Math.round((agreed / total) * 1000) / 1000;
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
    if (!item.analysis) throw conflict(`feedback ${body.feedbackEventId} has not been analysed yet; correct it once its analysis is stored`);
    const { analysis } = item;
    const alreadyThere = added.filter((t) => analysis.themes.includes(t));
    if (alreadyThere.length > 0) throw invalidField('themesAdded', `the analysis already has ${alreadyThere.join(', ')}`);
    const notThere = removed.filter((t) => !analysis.themes.includes(t));
    if (notThere.length > 0) throw invalidField('themesRemoved', `the analysis does not have ${notThere.join(', ')} (it has: ${analysis.themes.join(', ') || 'none'})`);
    const note = body.note?.trim() || null;
    const correctedBy = body.correctedBy.trim();
    // The id is the content: the same correction sent twice is one row, and is learned and counted once.
    const correctionId = deterministicUuid('correction', tenantId, body.feedbackEventId, analysis.version, body.sentiment ?? '', added.join(','), removed.join(','), note ?? '', correctedBy);
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
    if (!created) return { created, correction: correctionView(row), adapter: await this.adapterView(tenantId) };
    const trained = await this.trainer.retrain(tenantId);
    return {
      created,
      correction: correctionView(row),
      adapter: { revision: trained.revision, analyzerVersion: adaptedVersion(trained.model.baseAnalyzer.version, trained.revision), trainedOn: trained.trainedOn, trainedInMs: trained.trainedInMs },
    };
  }

  private async adapterView(tenantId: string) {
    const current = await this.adapters.current(tenantId);
    return current ? { revision: current.model.revision, analyzerVersion: current.version, trainedOn: current.model.trainedOn } : null;
  }

  async list(tenantId: string, limit = 50, cursor?: string, feedbackEventId?: string) {
    const rows = await this.store.list(tenantId, limit, cursor ? decodeCursor(cursor) : undefined, feedbackEventId);
    return { items: rows.map(correctionView), nextCursor: rows.length === limit ? encodeCursor(rows[rows.length - 1]) : null };
  }

  async accuracy(tenantId: string, since?: string) {
    const from = since ? new Date(since) : new Date(Date.now() - DEFAULT_WEEKS * WEEK_MS);
    const weeks = await this.store.accuracy(tenantId, from);
    const total = weeks.reduce(
      (t, w) => ({ reviewed: t.reviewed + w.reviewed, sentimentReviewed: t.sentimentReviewed + w.sentiment_reviewed, sentimentAgreed: t.sentimentAgreed + w.sentiment_agreed, themesAgreed: t.themesAgreed + w.themes_agreed }),
      { reviewed: 0, sentimentReviewed: 0, sentimentAgreed: 0, themesAgreed: 0 },
    );
    const view = (w: { reviewed: number; sentimentReviewed: number; sentimentAgreed: number; themesAgreed: number }) => ({
      reviewed: w.reviewed,
      sentiment: { reviewed: w.sentimentReviewed, agreed: w.sentimentAgreed, accuracy: ratio(w.sentimentAgreed, w.sentimentReviewed) },
      themes: { reviewed: w.reviewed, agreed: w.themesAgreed, accuracy: ratio(w.themesAgreed, w.reviewed) },
    });
    return {
      since: from.toISOString(),
      weeks: weeks.map((w) => ({
        weekStart: new Date(w.week_start).toISOString(),
        ...view({ reviewed: w.reviewed, sentimentReviewed: w.sentiment_reviewed, sentimentAgreed: w.sentiment_agreed, themesAgreed: w.themes_agreed }),
      })),
      total: view(total),
      adapter: await this.adapterView(tenantId),
    };
  }
}
