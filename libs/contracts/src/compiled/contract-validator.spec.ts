import { IsString } from 'class-validator';
import { FeedbackAnalyzed } from '../events/feedback-analyzed/feedback-analyzed.event';
import { FeedbackSubmission } from '../events/feedback-submission/feedback-submission.event';
import { sampleAnalyzed, sampleSubmission } from '../testing/sample-events';
import { contractValidator, describeErrors } from '../validate';

type Analyzed = ReturnType<typeof sampleAnalyzed> & Record<string, never>;

/** The DLQ reason a consumer writes for an analyzed event changed by `change`. */
function reason(change: (a: Analyzed) => void): string {
  const event = sampleAnalyzed() as Analyzed;
  change(event);
  const result = contractValidator(FeedbackAnalyzed)(event);
  return result.ok ? 'accepted' : describeErrors(result.errors);
}

describe('contractValidator (compiled JSON Schema for Loops events)', () => {
  it('accepts a valid event and hands back the parsed object itself, not a copy', () => {
    const event = sampleAnalyzed();
    const result = contractValidator(FeedbackAnalyzed)(event);
    expect(result).toEqual({ ok: true, value: event });
    expect(result.ok && result.value).toBe(event);
  });

  it.each([
    ['an out-of-range score', (a: Analyzed) => (a.feedback.scores.nps = 11), 'feedback.scores.nps: nps must not be greater than 10'],
    ['a fractional score', (a: Analyzed) => (a.feedback.scores.csat = 2.5), 'feedback.scores.csat: csat must be an integer number'],
    ['a missing field', (a: Analyzed) => delete (a.feedback as Partial<Analyzed['feedback']>).tenantId, 'feedback.tenantId: tenantId is required'],
    ['an unknown field', (a: Analyzed) => Object.assign(a.analysis, { mood: 'grumpy' }), 'analysis.mood: property mood should not exist'],
    ['a date without time', (a: Analyzed) => (a.analysis.analyzedAt = '2026-11-20'), 'analysis.analyzedAt: analyzedAt must be an RFC 3339 date-time with a time zone'],
    ['a day that does not exist', (a: Analyzed) => (a.feedback.occurredAt = '2026-02-30T00:00:00Z'), 'feedback.occurredAt: occurredAt must be an RFC 3339 date-time with a time zone'],
    ['a bad UUID', (a: Analyzed) => (a.feedback.eventId = 'urn:uuid:5b0f7d0e-1c7a-4b8e-9d4a-2f3e6a7b8c9d'), 'feedback.eventId: eventId must be a UUID'],
    ['an unknown enum value', (a: Analyzed) => Object.assign(a.feedback.customer!, { tier: 'gold' }), 'feedback.customer.tier: tier must be one of the following values: free, standard, premium, enterprise, vip'],
    ['an array instead of an object', (a: Analyzed) => Object.assign(a.feedback, { customer: [] }), 'feedback.customer: customer must be an object'],
    ['a nested theme out of range', (a: Analyzed) => (a.analysis.themes[1].sentiment.score = 2), 'analysis.themes.1.sentiment.score: score must not be greater than 1'],
    ['a long key phrase', (a: Analyzed) => (a.analysis.keyPhrases[0] = 'x'.repeat(201)), 'analysis.keyPhrases.0: each value in keyPhrases must be shorter than or equal to 200 characters'],
    ['too many themes', (a: Analyzed) => (a.analysis.themes = Array.from({ length: 51 }, () => a.analysis.themes[0])), 'analysis.themes: themes must contain no more than 50 elements'],
    ['an attribute holding an object', (a: Analyzed) => Object.assign(a.feedback.attributes!, { plan: { tier: 1 } }), 'feedback.attributes.plan: plan must be a string of at most 1000 characters, a finite number or a boolean'],
    ['an attribute key with a space', (a: Analyzed) => Object.assign(a.feedback.attributes!, { 'a b': 1 }), 'feedback.attributes: attributes has a key "a b" that is not allowed: keys are 1-64 letters, digits or _.- and not __proto__, constructor or prototype'],
  ])('rejects %s naming the field', (_label, change, expected) => {
    expect(reason(change)).toBe(expected);
  });

  it('accepts null for an optional field, as class-validator does', () => {
    expect(reason((a) => Object.assign(a.feedback, { title: null, customer: null }))).toBe('accepted');
  });

  it('rejects a body that is not an object', () => {
    const result = contractValidator(FeedbackAnalyzed)([sampleAnalyzed()]);
    expect(result.ok ? '' : describeErrors(result.errors)).toBe('(body): body must be a JSON object');
  });
});

describe('contractValidator at the edge and outside the catalog', () => {
  it('keeps class-validator for FeedbackSubmission: instances for the intake and its field messages', () => {
    const validate = contractValidator(FeedbackSubmission);
    const ok = validate(sampleSubmission());
    expect(ok.ok && ok.value).toBeInstanceOf(FeedbackSubmission);
    const bad = validate({ ...sampleSubmission(), survey: { nps: 3 } });
    expect(bad.ok ? '' : describeErrors(bad.errors)).toBe('survey: survey is only allowed when channel is "survey"');
  });

  it('uses class-validator for a class that is not a Loops contract', () => {
    class Note {
      @IsString()
      text!: string;
    }
    const validate = contractValidator(Note);
    expect(validate({ text: 'hi' }).ok).toBe(true);
    const bad = validate({ text: 5 });
    expect(bad.ok ? '' : describeErrors(bad.errors)).toBe('text: text must be a string');
  });
});
