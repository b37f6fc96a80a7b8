import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { factFromRow, FactRow } from '../facts/feedback-fact';
import { ReportsService } from '../reports/reports.service';
import { AccountRisk, accountRisks } from './account-risk';
import { AccountsQuery } from './accounts-query.dto';

export interface AccountLine extends AccountRisk {
  openCases: number;
}

const RECENT_FEEDBACK = 50;

/**
 * The account manager's view: B2B accounts ranked by revenue at risk, and one account's recent feedback
 * and open cases. `accounts` is the key's view (null = every account of the tenant); every query takes the
 * tenant first and the view second, so a key never reads an account outside it.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
  ) {}

  async ranked(tenantId: string, accounts: string[] | null, q: AccountsQuery): Promise<AccountLine[]> {
    const { from, to } = q.window();
    const facts = rowsOf<FactRow>(
      await this.dataSource.query(
        `SELECT * FROM feedback_facts
          WHERE tenant_id = $1 AND account_id IS NOT NULL AND ($2::text[] IS NULL OR account_id = ANY($2))
            AND occurred_at >= $3 AND occurred_at < $4`,
        [tenantId, accounts, from, to],
      ),
    ).map(factFromRow);
    const risks = accountRisks(facts, await this.reports.churnModel(tenantId));
    const open = await this.openCaseCounts(tenantId, risks.map((r) => r.accountId));
    return risks.map((r) => ({ ...r, openCases: open.get(r.accountId) ?? 0 }));
  }

  async account(tenantId: string, accounts: string[] | null, accountId: string, q: AccountsQuery) {
    // Outside the key's view is answered exactly like an unknown account.
    if (accounts && !accounts.includes(accountId)) throw notFound(accountId);
    const { from, to } = q.window();
    const facts = rowsOf<FactRow & { text: string | null; language: string | null }>(
      await this.dataSource.query(
        `SELECT f.*, t.text, t.language FROM feedback_facts f
           LEFT JOIN complaint_texts t ON t.feedback_event_id = f.feedback_event_id AND t.tenant_id = f.tenant_id
          WHERE f.tenant_id = $1 AND f.account_id = $2 AND f.occurred_at >= $3 AND f.occurred_at < $4
          ORDER BY f.occurred_at DESC, f.feedback_event_id`,
        [tenantId, accountId, from, to],
      ),
    );
    if (facts.length === 0) throw notFound(accountId);
    const [risk] = accountRisks(facts.map(factFromRow), await this.reports.churnModel(tenantId));
    const cases = rowsOf<Record<string, unknown>>(
      await this.dataSource.query(
        `SELECT case_id AS "caseId", status, priority, owner_team AS "ownerTeam", touchpoint, due_at AS "dueAt", (due_at < now()) AS "pastSla"
           FROM case_summaries WHERE tenant_id = $1 AND account_id = $2 AND status <> 'resolved' ORDER BY due_at`,
        [tenantId, accountId],
      ),
    );
    return {
      ...risk,
      openCases: cases.length,
      cases,
      // The stored text is the redacted one; only complaints keep their text (see complaint_texts).
      recentFeedback: facts.slice(0, RECENT_FEEDBACK).map((f) => ({
        feedbackEventId: f.feedback_event_id,
        occurredAt: f.occurred_at,
        touchpoint: f.touchpoint,
        channel: f.channel,
        nps: f.nps,
        csat: f.csat,
        sentiment: f.sentiment_label,
        themes: f.themes,
        text: f.text,
        language: f.language,
      })),
    };
  }

  private async openCaseCounts(tenantId: string, accountIds: string[]): Promise<Map<string, number>> {
    if (accountIds.length === 0) return new Map();
    const rows = rowsOf<{ account_id: string; n: number }>(
      await this.dataSource.query(
        `SELECT account_id, count(*)::int AS n FROM case_summaries
          WHERE tenant_id = $1 AND account_id = ANY($2) AND status <> 'resolved' GROUP BY account_id`,
        [tenantId, accountIds],
      ),
    );
    return new Map(rows.map((r) => [r.account_id, r.n]));
  }
}

function notFound(accountId: string): NotFoundException {
  return new NotFoundException({ error: 'not_found', message: `no feedback from account ${JSON.stringify(accountId)} in this window` });
}
