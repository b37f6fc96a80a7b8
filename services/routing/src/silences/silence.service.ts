import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { Clock } from '../clock/clock';
import { SilenceRow } from '../inner-loop/routing-context';
import { notFound } from '../http/valid-body';
import { parseMatchObject } from '../routing-tree/parse-routing-tree';
import { CreateSilenceBody } from './silence.dto';

function view(row: SilenceRow, now: Date) {
  const state = now < new Date(row.starts_at) ? 'pending' : now < new Date(row.ends_at) ? 'active' : 'expired';
  return {
    silenceId: row.silence_id,
    matchers: row.matchers,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    author: row.author,
    reason: row.reason,
    state,
  };
}

/** Silences: while active, alerts whose feedback matches every matcher are recorded but never page. */
@Injectable()
export class SilenceService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async create(tenantId: string, body: CreateSilenceBody) {
    const problems: string[] = [];
    const matchers = parseMatchObject(body.matchers, 'matchers', problems);
    if (problems.length === 0 && matchers.length === 0) problems.push('matchers: at least one matcher is required (a silence must not mute everything)');
    const now = this.clock.now();
    const startsAt = body.startsAt ? new Date(body.startsAt) : now;
    if (new Date(body.endsAt) <= startsAt) problems.push('endsAt: must be later than startsAt');
    if (problems.length > 0) throw new HttpException({ error: 'invalid_silence', problems }, HttpStatus.BAD_REQUEST);
    const rows = rowsOf<SilenceRow>(
      await this.dataSource.query(
        `INSERT INTO silences (silence_id, tenant_id, matchers, starts_at, ends_at, author, reason) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [randomUUID(), tenantId, JSON.stringify(body.matchers), startsAt, new Date(body.endsAt), body.author, body.reason],
      ),
    );
    return view(rows[0], now);
  }

  async list(tenantId: string, includeExpired: boolean) {
    const now = this.clock.now();
    const rows = rowsOf<SilenceRow>(
      await this.dataSource.query(
        'SELECT * FROM silences WHERE tenant_id = $1 AND ($2 OR ends_at > $3) ORDER BY starts_at DESC LIMIT 500',
        [tenantId, includeExpired, now],
      ),
    );
    return { silences: rows.map((r) => view(r, now)) };
  }

  /** Expires a silence now (kept for the audit trail). */
  async expire(tenantId: string, silenceId: string) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(silenceId)) throw notFound('silence');
    const now = this.clock.now();
    const rows = rowsOf<SilenceRow>(
      await this.dataSource.query(
        'UPDATE silences SET ends_at = GREATEST(starts_at + interval \'1 millisecond\', LEAST(ends_at, $3)) WHERE silence_id = $1 AND tenant_id = $2 RETURNING *',
        [silenceId, tenantId, now],
      ),
    );
    if (!rows[0]) throw notFound('silence');
    return view(rows[0], now);
  }
}
