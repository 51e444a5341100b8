// NPS and satisfaction from counts (SQL counts the responses; these are the two definitions).
import { DETRACTOR_MAX, PROMOTER_MIN, SATISFIED_MIN, type NpsFigure } from '../../../shared/features/feedback/types';

/** SQL columns counting the responses in `score` (aggregates: use with GROUP BY). */
export const NPS_COUNTS_SQL = (score = 'score') =>
  `count(${score}) AS responses, coalesce(sum(${score} >= ${PROMOTER_MIN}), 0) AS promoters,
   coalesce(sum(${score} BETWEEN ${SATISFIED_MIN} AND ${PROMOTER_MIN - 1}), 0) AS passives,
   coalesce(sum(${score} <= ${DETRACTOR_MAX}), 0) AS detractors`;

export interface NpsCounts {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/** NPS = 100 × (promoters − detractors) / responses; satisfaction = (promoters + passives) / responses; null without responses. */
export function npsFigure(c: NpsCounts): NpsFigure {
  const n = c.responses;
  return {
    responses: n,
    promoters: c.promoters,
    passives: c.passives,
    detractors: c.detractors,
    nps: n > 0 ? (100 * (c.promoters - c.detractors)) / n : null,
    satisfaction: n > 0 ? (c.promoters + c.passives) / n : null,
  };
}
