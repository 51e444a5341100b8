// The sales pipeline's vocabulary and output types (electron/core/leads/ computes them by SQL over
// the replica). Money is integer cents ex GST; days are local days (YYYY-MM-DD) of the workspace's
// zone; probabilities are whole percents 0–100.
import type { ProjectTier } from '../../domain';

export const LEAD_SOURCES = ['open_source', 'content', 'networking', 'referral', 'other'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const LEAD_SOURCE_LABELS: Record<LeadSource, string> = {
  open_source: 'Open source',
  content: 'Content',
  networking: 'Networking',
  referral: 'Referral',
  other: 'Other',
};

/**
 * The sales process in order (discovery call → proposal → implementation → follow-up → won), and
 * lost, which can follow any open stage. A lead may skip stages; every move is a lead_event.
 */
export const LEAD_STAGES = ['discovery', 'proposal', 'implementation', 'follow_up', 'won', 'lost'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
/** The stages a lead is still open in (counted in the pipeline's value). */
export const OPEN_LEAD_STAGES = ['discovery', 'proposal', 'implementation', 'follow_up'] as const satisfies readonly LeadStage[];
/** The ordered funnel: conversion is measured between each stage and the next. */
export const FUNNEL_STAGES = ['discovery', 'proposal', 'implementation', 'follow_up', 'won'] as const satisfies readonly LeadStage[];
export const LEAD_STAGE_LABELS: Record<LeadStage, string> = {
  discovery: 'Discovery call',
  proposal: 'Proposal',
  implementation: 'Implementation',
  follow_up: 'Follow-up',
  won: 'Won',
  lost: 'Lost',
};

/** A new lead's probability when none is given: its stage's usual odds (whole percents). */
export const STAGE_PROBABILITY: Record<LeadStage, number> = {
  discovery: 10,
  proposal: 30,
  implementation: 60,
  follow_up: 80,
  won: 100,
  lost: 0,
};

/** What a won lead's project starts from, by tier: budget range (cents, ex GST) and duration in weeks. */
export interface TierPackage {
  tier: ProjectTier;
  minBudgetCents: number;
  maxBudgetCents: number;
  minWeeks: number;
  maxWeeks: number;
}
export const TIER_PACKAGES: Record<ProjectTier, TierPackage> = {
  pipeline_mvp: { tier: 'pipeline_mvp', minBudgetCents: 500_000, maxBudgetCents: 800_000, minWeeks: 2, maxWeeks: 4 },
  devops_foundation: { tier: 'devops_foundation', minBudgetCents: 1_200_000, maxBudgetCents: 2_000_000, minWeeks: 6, maxWeeks: 8 },
  enterprise_cloud: { tier: 'enterprise_cloud', minBudgetCents: 3_000_000, maxBudgetCents: 6_000_000, minWeeks: 12, maxWeeks: 16 },
};

export interface LeadSummary {
  id: string;
  company: string;
  contactName: string;
  contactEmail: string;
  source: LeadSource;
  tier: ProjectTier;
  estimatedValueCents: number;
  /** 0–100. */
  probability: number;
  /** estimatedValueCents × probability / 100, half-up to the cent. */
  weightedValueCents: number;
  expectedCloseOn: string | null;
  ownerId: string;
  ownerName: string;
  stage: LeadStage;
  /** The local day the lead was created (its first event). */
  createdOn: string;
  /** The local day of its last move (its creation when never moved). */
  stageSince: string;
  /** Set once converted (a won lead becomes a client's project). */
  clientId: string | null;
  clientName: string | null;
  projectId: string | null;
  projectName: string | null;
}

export interface LeadEvent {
  id: string;
  /** null: the lead's creation. */
  fromStage: LeadStage | null;
  toStage: LeadStage;
  movedOn: string;
  movedAt: string;
  byId: string;
  byName: string;
}

export interface LeadDetail extends LeadSummary {
  events: LeadEvent[];
}

export interface ConvertResult {
  lead: LeadDetail;
  clientId: string;
  clientName: string;
  /** A client was created for this lead (false: an existing one was used). */
  newClient: boolean;
  projectId: string;
  projectName: string;
  budgetCents: number;
  startOn: string;
  dueOn: string;
  package: TierPackage;
}

export interface DashboardRange {
  from: string;
  to: string;
  timeZone: string;
  today: string;
}

export interface StageValue {
  stage: LeadStage;
  leads: number;
  valueCents: number;
  weightedCents: number;
}

/** Open leads now (their current value and probability). */
export interface PipelineValue {
  openLeads: number;
  valueCents: number;
  /** Σ value × probability / 100, half-up to the cent once over the sum. */
  weightedCents: number;
  byStage: StageValue[];
}

/**
 * Between a funnel stage and the next, among leads created in the range: `reached` leads got at
 * least as far as `from` (a lead that skipped it but went further counts as having passed it),
 * `advanced` of them got at least as far as `to`. rate = advanced / reached (null: none reached).
 */
export interface StageConversion {
  from: LeadStage;
  to: LeadStage;
  reached: number;
  advanced: number;
  rate: number | null;
}

/** Leads closed (moved to won or lost) in the range. rate = won / (won + lost); null when none closed. */
export interface WinRate {
  won: number;
  lost: number;
  rate: number | null;
  wonValueCents: number;
}

export interface LeadsMonth {
  /** `YYYY-MM`; from/to: its days within the range. */
  month: string;
  from: string;
  to: string;
  created: number;
  won: number;
  lost: number;
  wonValueCents: number;
  /** Leads open at the end of the month (by their stage history), at their current value and probability. */
  openValueCents: number;
  weightedCents: number;
}

export interface LeadsDashboard {
  range: DashboardRange;
  pipeline: PipelineValue;
  conversion: StageConversion[];
  winRate: WinRate;
  winRateBySource: Array<WinRate & { source: LeadSource }>;
  winRateByTier: Array<WinRate & { tier: ProjectTier }>;
  /** Leads won in the range: days from creation to the won move. null: none won. */
  cycle: { won: number; averageDays: number | null; medianDays: number | null };
  months: LeadsMonth[];
}
