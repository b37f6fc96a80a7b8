import { FeedbackSubmission, FlatAttributes, Scores } from '@loops/contracts';

/** What a channel payload contributes to the canonical event. */
export interface ChannelFields {
  text?: string;
  title?: string;
  scores: Scores;
  details: FlatAttributes;
}

/** Drops undefined values so a detail or score that was not sent is absent, not `null`. */
function defined<V>(record: Record<string, V | undefined>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Record<string, V>;
}

/**
 * Lifts the channel payload into text, title, scores and flat details. For chat only the customer's
 * turns are their words; agent and bot turns are context, counted in `details`.
 */
export function channelFields(s: FeedbackSubmission): ChannelFields {
  switch (s.channel) {
    case 'survey': {
      const p = s.survey;
      if (!p) break;
      return {
        text: p.comment,
        scores: defined({ nps: p.nps, csat: p.csat, ces: p.ces }),
        details: defined({ surveyId: p.surveyId, questionId: p.questionId }),
      };
    }
    case 'review': {
      const p = s.review;
      if (!p) break;
      return { text: p.text, title: p.title, scores: { rating: p.rating }, details: defined({ site: p.site }) };
    }
    case 'support_ticket': {
      const p = s.supportTicket;
      if (!p) break;
      return {
        text: p.body,
        title: p.subject,
        scores: {},
        details: defined({ status: p.status, priority: p.priority, agent: p.agent }),
      };
    }
    case 'chat': {
      const p = s.chat;
      if (!p) break;
      const customerTurns = p.turns.filter((t) => t.speaker === 'customer');
      return {
        text: customerTurns.map((t) => t.text).join('\n'),
        scores: {},
        details: { turns: p.turns.length, customerTurns: customerTurns.length },
      };
    }
    case 'social': {
      const p = s.social;
      if (!p) break;
      return { text: p.post, scores: {}, details: defined({ handle: p.handle, network: p.network }) };
    }
    case 'employee': {
      const p = s.employee;
      if (!p) break;
      return { text: p.comment, scores: defined({ enps: p.enps }), details: {} };
    }
  }
  return { scores: {}, details: {} };
}
