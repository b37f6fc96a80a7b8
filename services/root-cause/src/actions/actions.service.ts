import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ActionEvent, ActionStatus } from '@loops/contracts';
import { Logger } from '@loops/observability';
import { ROOT_LOGGER } from '@loops/platform';
import { Action, ActionStatusBody, OpenActionBody } from './action.dto';
import { ActionOutbox } from './action-outbox';
import { ActionsDataAccess } from './actions.data-access';
import { beforeAfter, BeforeAfter, caseRateChange, CaseRateChange } from './before-after';

const DAY_MS = 86400_000;

/** Status moves an owner may make; a cancelled action stays cancelled (open a new one). */
const NEXT: Record<ActionStatus, ActionStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: ['in_progress'],
  cancelled: [],
};

function eventOf(tenantId: string, a: Action, kind: ActionEvent['kind'], note: string | undefined, at: Date): ActionEvent {
  return {
    eventId: randomUUID(),
    actionId: a.actionId,
    tenantId,
    kind,
    status: a.status,
    targetKind: a.targetKind,
    ...(a.theme !== null ? { theme: a.theme } : {}),
    ...(a.touchpoint !== null ? { touchpoint: a.touchpoint } : {}),
    ...(a.issueId !== null ? { issueId: a.issueId } : {}),
    ...(a.rootCauseCode !== null ? { rootCauseCode: a.rootCauseCode } : {}),
    change: a.change,
    owner: a.owner,
    dueAt: a.dueAt.toISOString(),
    effectiveAt: a.effectiveAt.toISOString(),
    ...(note !== undefined ? { note } : {}),
    at: at.toISOString(),
  };
}

@Injectable()
export class ActionsService {
  private readonly log: Logger;

  constructor(
    private readonly actions: ActionsDataAccess,
    private readonly outbox: ActionOutbox,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'actions' });
  }

  async open(tenantId: string, body: OpenActionBody, createdBy: string): Promise<Action> {
    let { theme, touchpoint } = body;
    const missing = (field: string, why: string) => new BadRequestException({ error: 'validation_failed', errors: [{ field, messages: [why] }] });
    if (body.targetKind === 'driver' && !theme) throw missing('theme', 'an action on a driver names the driver\'s theme');
    if (body.targetKind === 'root_cause' && !body.rootCauseCode) throw missing('rootCauseCode', 'an action on a root cause names its root-cause code');
    if (body.targetKind === 'emerging_issue') {
      if (!body.issueId) throw missing('issueId', 'an action on an emerging issue names the issue');
      const issue = await this.actions.emergingIssue(tenantId, body.issueId);
      if (!issue) throw missing('issueId', `no emerging issue ${body.issueId}`);
      theme = theme ?? issue.theme;
      touchpoint = touchpoint ?? issue.touchpoint;
    }
    const now = new Date();
    const action: Action = {
      actionId: randomUUID(),
      targetKind: body.targetKind,
      theme: theme ?? null,
      touchpoint: touchpoint ?? null,
      issueId: body.issueId ?? null,
      rootCauseCode: body.rootCauseCode ?? null,
      change: body.change,
      owner: body.owner,
      dueAt: new Date(body.dueAt),
      effectiveAt: body.effectiveAt ? new Date(body.effectiveAt) : now,
      status: 'open',
      createdBy,
      createdAt: now,
      updatedAt: now,
    };
    await this.actions.insert({ ...action, tenantId }, eventOf(tenantId, action, 'opened', body.note, now));
    await this.publish();
    return action;
  }

  async changeStatus(tenantId: string, actionId: string, body: ActionStatusBody): Promise<Action> {
    const current = await this.get(tenantId, actionId);
    if (!NEXT[current.status].includes(body.status)) {
      throw new ConflictException({ error: 'invalid_transition', message: `an action that is ${current.status} cannot become ${body.status} (allowed: ${NEXT[current.status].join(', ') || 'none'})` });
    }
    const now = new Date();
    const updated = await this.actions.changeStatus(tenantId, actionId, body.status, body.effectiveAt ? new Date(body.effectiveAt) : undefined, (a) =>
      eventOf(tenantId, a, 'status_changed', body.note, now),
    );
    if (!updated) throw new NotFoundException({ error: 'not_found', message: `no action ${actionId}` });
    await this.publish();
    return updated;
  }

  async get(tenantId: string, actionId: string): Promise<Action> {
    const action = await this.actions.get(tenantId, actionId);
    // Another tenant's action is answered exactly like a missing one.
    if (!action) throw new NotFoundException({ error: 'not_found', message: `no action ${actionId}` });
    return action;
  }

  list(tenantId: string, q: { status?: ActionStatus; limit: number; offset: number }): Promise<Action[]> {
    return this.actions.list(tenantId, q);
  }

  /** The metric and the theme's prevalence in the `days` before the effective date and the `days` from it (to now at most). */
  async impact(
    tenantId: string,
    actionId: string,
    days: number,
    now = new Date(),
  ): Promise<{ action: Action; windows: Record<'before' | 'after', { from: Date; to: Date }>; afterComplete: boolean; rootCause: CaseRateChange | null } & BeforeAfter> {
    const action = await this.get(tenantId, actionId);
    const split = action.effectiveAt.getTime();
    const before = { from: new Date(split - days * DAY_MS), to: action.effectiveAt };
    const after = { from: action.effectiveAt, to: new Date(Math.min(split + days * DAY_MS, now.getTime())) };
    const scope = { touchpoint: action.touchpoint, theme: action.theme };
    const [b, a] = await Promise.all([this.actions.windowCounts(tenantId, { ...before, ...scope }), this.actions.windowCounts(tenantId, { ...after, ...scope })]);
    let rootCause: CaseRateChange | null = null;
    if (action.rootCauseCode !== null) {
      const code = action.rootCauseCode;
      const [cb, ca] = await Promise.all([this.actions.rootCauseCases(tenantId, code, before.from, before.to), this.actions.rootCauseCases(tenantId, code, after.from, after.to)]);
      const lengthDays = (w: { from: Date; to: Date }) => Math.max(0, (w.to.getTime() - w.from.getTime()) / DAY_MS);
      rootCause = caseRateChange(cb, lengthDays(before), ca, lengthDays(after));
    }
    return { action, windows: { before, after }, afterComplete: split + days * DAY_MS <= now.getTime(), rootCause, ...beforeAfter(b, a, action.theme !== null) };
  }

  /** The change is committed; a failed publish is left to the relay (logged, never lost). */
  private async publish(): Promise<void> {
    try {
      await this.outbox.publishPending();
    } catch (error) {
      this.log.warn({ err: error }, 'action events not published yet; left to the outbox relay');
    }
  }
}
