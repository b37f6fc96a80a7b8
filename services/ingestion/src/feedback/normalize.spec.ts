import { FeedbackSubmission, validateContract } from '@loops/contracts';
import { Principal } from '@loops/auth';
import { PiiRedactor } from '../redaction/pii-redactor';
import { normalizeSubmission } from './normalize';
import { OccurredAtWindow } from './occurred-at-window';

const WINDOW = new OccurredAtWindow(10 * 60_000, new Date('2000-01-01T00:00:00Z'));

const principal: Principal = { keyId: 'k1', tenantId: 'acme', integrationId: 'tool', scopes: ['ingest'], itemsPerSecond: null, restriction: null };
const base = { externalId: 'x-1', occurredAt: '2026-11-20T08:00:00Z' };

function normalize(body: object) {
  const checked = validateContract(FeedbackSubmission, body);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const out = normalizeSubmission(checked.value, principal, new PiiRedactor(), new Date('2026-11-21T00:00:00Z'), WINDOW);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.event;
}

function errorsOf(body: object) {
  const checked = validateContract(FeedbackSubmission, body);
  return checked.ok ? [] : checked.errors.map((e) => e.field);
}

describe('channel payloads', () => {
  it('lifts a survey into scores, text and details', () => {
    const e = normalize({ ...base, channel: 'survey', survey: { surveyId: 's-1', questionId: 'q-2', comment: 'ok', nps: 7, csat: 4, ces: 6 } });
    expect(e).toMatchObject({ text: 'ok', scores: { nps: 7, csat: 4, ces: 6 }, details: { surveyId: 's-1', questionId: 'q-2' }, tenantId: 'acme' });
  });

  it('lifts a review into rating, title, text and site', () => {
    const e = normalize({ ...base, channel: 'review', review: { rating: 2, title: 'Meh', text: 'Slow', site: 'app-store' } });
    expect(e).toMatchObject({ title: 'Meh', text: 'Slow', scores: { rating: 2 }, details: { site: 'app-store' } });
  });

  it('lifts a support ticket into subject, body, status, priority and agent', () => {
    const e = normalize({ ...base, channel: 'support_ticket', supportTicket: { subject: 'Charged twice', body: 'Refund me', status: 'open', priority: 'high', agent: 'ana' } });
    expect(e).toMatchObject({ title: 'Charged twice', text: 'Refund me', details: { status: 'open', priority: 'high', agent: 'ana' } });
  });

  it("keeps only the customer's turns of a chat as its text", () => {
    const e = normalize({
      ...base,
      channel: 'chat',
      chat: { turns: [{ speaker: 'bot', text: 'Hi!' }, { speaker: 'customer', text: 'App crashes' }, { speaker: 'agent', text: 'Sorry' }, { speaker: 'customer', text: 'At payment' }] },
    });
    expect(e.text).toBe('App crashes\nAt payment');
    expect(e.details).toEqual({ turns: 4, customerTurns: 2 });
  });

  it('lifts social posts and employee feedback', () => {
    expect(normalize({ ...base, channel: 'social', social: { post: 'Great staff', handle: '@a', network: 'x' } })).toMatchObject({ text: 'Great staff', details: { handle: '@a', network: 'x' } });
    expect(normalize({ ...base, channel: 'employee', employee: { enps: 3, comment: 'Tools are bad' } })).toMatchObject({ text: 'Tools are bad', scores: { enps: 3 } });
  });

  it('still accepts the generic fields, the channel payload winning where both are given', () => {
    const e = normalize({ ...base, channel: 'survey', text: 'generic', scores: { nps: 1, csat: 2 }, survey: { nps: 9 } });
    expect(e).toMatchObject({ text: 'generic', scores: { nps: 9, csat: 2 } });
  });

  it('names the offending field of a channel payload', () => {
    expect(errorsOf({ ...base, channel: 'survey', survey: { nps: 11 } })).toEqual(['survey.nps']);
    expect(errorsOf({ ...base, channel: 'chat', chat: { turns: [{ speaker: 'customer', text: 'a' }, { speaker: 'customer', text: 'b' }, { speaker: 'robot', text: 'c' }] } })).toEqual(['chat.turns.2.speaker']);
    expect(errorsOf({ ...base, channel: 'review', review: { title: 'no rating' } })).toEqual(['review.rating']);
    expect(errorsOf({ ...base, channel: 'survey', review: { rating: 3 } })).toEqual(['review']);
    expect(errorsOf({ ...base, channel: 'support_ticket', supportTicket: { priority: 'meh' } })).toEqual(['supportTicket.priority']);
    expect(errorsOf({ ...base, channel: 'social', social: { post: 'x', extra: 1 } })).toEqual(['social.extra']);
  });

  it('redacts PII in the lifted text and title and records the kinds', () => {
    const e = normalize({ ...base, channel: 'support_ticket', supportTicket: { subject: 'mail a@b.example', body: 'card 4111 1111 1111 1111' } });
    expect(e.title).toBe('mail [EMAIL]');
    expect(e.text).toBe('card [CARD]');
    expect(e.redactions).toEqual(['email', 'payment_card']);
  });
});

describe('hostile shapes', () => {
  it('rejects arrays where objects belong', () => {
    expect(errorsOf({ ...base, channel: 'survey', survey: [{ nps: 3 }] })).toEqual(['survey']);
    expect(errorsOf({ ...base, channel: 'survey', customer: [{ id: 'c' }] })).toEqual(['customer']);
    expect(errorsOf({ ...base, channel: 'chat', chat: { turns: [[{ speaker: 'customer', text: 'x' }]] } })).toEqual(['chat.turns']);
  });
});

describe('timestamps', () => {
  it('requires an explicit time zone', () => {
    expect(errorsOf({ ...base, occurredAt: '2026-11-20 08:30', channel: 'survey' })).toEqual(['occurredAt']);
    expect(errorsOf({ ...base, occurredAt: '2026-11-20T08:30:00', channel: 'survey' })).toEqual(['occurredAt']);
    expect(errorsOf({ ...base, occurredAt: '2026-11-20T08:30:00+07:00', channel: 'survey' })).toEqual([]);
    expect(normalize({ ...base, occurredAt: '2026-11-20T08:30:00.5+07:00', channel: 'survey' }).occurredAt).toBe('2026-11-20T01:30:00.500Z');
  });
});

describe('occurredAt sanity', () => {
  const receivedAt = new Date('2026-11-21T00:00:00Z');
  const rejection = (occurredAt: string) => {
    const checked = validateContract(FeedbackSubmission, { ...base, channel: 'survey', text: 'ok', occurredAt });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return normalizeSubmission(checked.value, principal, new PiiRedactor(), receivedAt, WINDOW);
  };

  it('refuses a far-future date with a message naming occurredAt and the limit', () => {
    const out = rejection('9999-12-31T23:59:59Z');
    expect(out).toEqual({
      ok: false,
      errors: [
        {
          field: 'occurredAt',
          messages: ['occurredAt 9999-12-31T23:59:59.000Z is in the future: at most 10 minutes ahead of the server clock (2026-11-21T00:10:00.000Z) is accepted'],
        },
      ],
    });
  });

  it('accepts clock skew within the window and refuses just beyond it', () => {
    expect(rejection('2026-11-21T00:09:59Z').ok).toBe(true);
    expect(rejection('2026-11-21T00:10:01Z').ok).toBe(false);
  });

  it('refuses a date before the floor', () => {
    expect(rejection('1970-01-01T00:00:00Z')).toEqual({
      ok: false,
      errors: [{ field: 'occurredAt', messages: ['occurredAt 1970-01-01T00:00:00.000Z is before the earliest accepted date 2000-01-01T00:00:00.000Z'] }],
    });
  });
});
