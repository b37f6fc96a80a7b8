import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ID_PATTERN } from '../feedback-received/feedback-received.event';
import { ZONED_TIMESTAMP } from './zoned-timestamp';

// One class per listening post. Each carries what that source natively has; ingestion lifts the
// customer's words into `text`, headings into `title`, scales into `scores` and ids into `details`.

export class SurveyAnswer {
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'surveyId must be 1-128 characters of letters, digits and _.:@/-' })
  surveyId?: string;

  @IsOptional()
  @Matches(ID_PATTERN, { message: 'questionId must be 1-128 characters of letters, digits and _.:@/-' })
  questionId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  comment?: string;

  /** Net Promoter Score answer, 0-10. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  nps?: number;

  /** Customer satisfaction, 1-5. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  csat?: number;

  /** Customer effort, 1-7 (7 = very easy). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  ces?: number;
}

export class ReviewPost {
  /** Star rating, 1-5. */
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;

  /** Where it was posted: `app-store`, `google-play`, `trustpilot`... */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  site?: string;
}

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export class SupportTicket {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  subject?: string;

  /** The customer's description of the problem. */
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  body?: string;

  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: (typeof TICKET_STATUSES)[number];

  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: (typeof TICKET_PRIORITIES)[number];

  /** The agent handling it (a name or id from the helpdesk). */
  @IsOptional()
  @IsString()
  @Length(1, 128)
  agent?: string;
}

export const CHAT_SPEAKERS = ['customer', 'agent', 'bot'] as const;
export type ChatSpeaker = (typeof CHAT_SPEAKERS)[number];

export class ChatTurn {
  @IsIn(CHAT_SPEAKERS)
  speaker!: ChatSpeaker;

  @IsString()
  @MaxLength(5000)
  text!: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 timestamp' })
  @Matches(ZONED_TIMESTAMP, { message: 'at must carry a time zone (Z or +hh:mm)' })
  at?: string;
}

export class ChatTranscript {
  /** The conversation in order; only the customer's turns become the feedback text. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ChatTurn)
  turns!: ChatTurn[];
}

export class SocialPost {
  @IsString()
  @MaxLength(20000)
  post!: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  handle?: string;

  /** `x`, `instagram`, `facebook`, `tiktok`, `linkedin`... */
  @IsOptional()
  @IsString()
  @Length(1, 32)
  network?: string;
}

export class EmployeeFeedback {
  /** Employee NPS, 0-10. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  enps?: number;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  comment?: string;
}

/** Property of the submission that carries each channel's payload. */
export const CHANNEL_PAYLOAD_FIELDS = {
  survey: 'survey',
  review: 'review',
  support_ticket: 'supportTicket',
  chat: 'chat',
  social: 'social',
  employee: 'employee',
} as const;
