// Client feedback: NPS survey responses (score 0–10) and the figures made of them. NPS = % promoters
// (9–10) − % detractors (0–6), −100..100; satisfaction = share of responses scoring 7 or more.
// Both are null when there is no response (no responses is not a score of 0).
import type { ProjectTier } from '../../domain';

export const MAX_COMMENT_LENGTH = 2000;
/** The business's target: 90 % of clients satisfied. */
export const SATISFACTION_TARGET = 0.9;
/** A score of at least this is a promoter; at most DETRACTOR_MAX a detractor; between: passive. */
export const PROMOTER_MIN = 9;
export const DETRACTOR_MAX = 6;
export const SATISFIED_MIN = 7;

export interface FeedbackRow {
  id: string;
  clientId: string;
  clientName: string;
  projectId: string | null;
  projectName: string | null;
  /** 0–10. */
  score: number;
  comment: string;
  respondedOn: string;
}

export interface NpsFigure {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** 100 × (promoters − detractors) / responses, unrounded; null when there is no response. */
  nps: number | null;
  /** (promoters + passives) / responses, 0–1; null when there is no response. */
  satisfaction: number | null;
}

export interface NpsReport {
  from: string;
  to: string;
  timeZone: string;
  overall: NpsFigure;
  byClient: Array<NpsFigure & { clientId: string; clientName: string }>;
  /** By the tier of the response's project; tier null: responses not tied to a project. */
  byTier: Array<NpsFigure & { tier: ProjectTier | null }>;
  /** Month by month over the range (the first and last may be partial). */
  months: Array<NpsFigure & { month: string; from: string; to: string }>;
}
