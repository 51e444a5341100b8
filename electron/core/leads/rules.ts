// The sales pipeline's pure rules: what a move may do, a new lead's odds, and where a won lead's
// project starts from. Tested directly (leads.test.ts).
import { OpsError } from '../../../shared/contract';
import type { ProjectTier } from '../../../shared/domain';
import { STAGE_PROBABILITY, TIER_PACKAGES, type LeadStage, LEAD_STAGE_LABELS } from '../../../shared/features/leads/types';
import { addDays } from '../../../shared/time';

const CLOSED: readonly LeadStage[] = ['won', 'lost'];

/** A move's checks: a real change of stage, on a day not before the lead's last move nor after today. */
export function checkMove(
  lead: { stage: LeadStage; projectId: string | null; lastMovedOn: string },
  to: LeadStage,
  on: string,
  today: string,
): void {
  if (lead.stage === to) throw new OpsError('conflict', `The lead is already at ${LEAD_STAGE_LABELS[to]}: choose another stage.`, 'stage');
  if (lead.projectId !== null)
    throw new OpsError('conflict', 'This lead was converted into a project, so it stays won. Change the project instead.', 'stage');
  if (on > today) throw new OpsError('invalid_input', `A move cannot be dated in the future (${on}); today is ${today}.`, 'on');
  if (on < lead.lastMovedOn)
    throw new OpsError('invalid_input', `The lead's last move was on ${lead.lastMovedOn}; date this one on or after it.`, 'on');
}

/**
 * The probability after a move: certain once won, none once lost, the new stage's usual odds when
 * a closed lead is reopened; otherwise the lead keeps the odds its owner gave it.
 */
export function probabilityAfterMove(from: LeadStage, to: LeadStage, probability: number): number {
  if (to === 'won') return 100;
  if (to === 'lost') return 0;
  return CLOSED.includes(from) ? STAGE_PROBABILITY[to] : probability;
}

/** A won lead's project: the estimate within the tier's budget range, and the tier's longest timeline. */
export function projectPlan(tier: ProjectTier, estimatedValueCents: number, startOn: string, budgetCents?: number) {
  const pkg = TIER_PACKAGES[tier];
  const budget = budgetCents ?? Math.min(pkg.maxBudgetCents, Math.max(pkg.minBudgetCents, estimatedValueCents));
  return { budgetCents: budget, startOn, dueOn: addDays(startOn, pkg.maxWeeks * 7), package: pkg };
}

/** value × probability / 100, half-up to the cent (the same rule the SQL sums use). */
export function weightedCents(valueCents: number, probability: number): number {
  return Math.floor((valueCents * probability + 50) / 100);
}
