import { GoalStatus } from '../goals/goal-progress';
import { DigestPeriod } from './digest-schedule';

/** What an owner reads each week: their goals, what is newly going wrong, what costs most, what is due. */
export interface Digest {
  tenantId: string;
  owner: string;
  period: DigestPeriod;
  /** The owner's focus: empty lists = the whole tenant. */
  view: { touchpoints: string[]; themes: string[] };
  goals: DigestGoal[];
  emergingIssues: DigestIssue[];
  drivers: DigestDriver[];
  actionsDue: DigestAction[];
  casesPastSla: { total: number; oldest: DigestCase[] };
}

export interface DigestGoal {
  goalId: string;
  name: string;
  metric: string;
  target: number;
  direction: string;
  value: number | null;
  ci95: [number, number] | null;
  status: GoalStatus;
  trendPerWeek: number | null;
  periodEnd: string;
}

export interface DigestIssue {
  issueId: string;
  touchpoint: string;
  theme: string;
  themeLabel: string;
  status: string;
  openedAt: string;
}

export interface DigestDriver {
  touchpoint: string | null;
  theme: string;
  themeLabel: string;
  /** NPS points the theme cost in the period (positive = it hurts), with its 95% interval. */
  impact: number;
  ci95: [number, number];
  mentions: number;
  significant: boolean;
}

export interface DigestAction {
  actionId: string;
  change: string;
  status: string;
  dueAt: string;
  overdue: boolean;
}

export interface DigestCase {
  caseId: string;
  priority: string;
  ownerTeam: string;
  touchpoint: string | null;
  dueAt: string;
}
