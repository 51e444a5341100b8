// What a trigger may use: a pipeline that exists, is active at the central and not disabled on
// this laptop by a 410, with parameters that fit its schema (params.ts).
import { OpsError } from '../../../shared/contract';
import type { Sqlite } from '../db/open';
import { cachedStatement } from '../db/query';
import type { PipelinesTable } from '../db/schema';

/** How long a trigger queued offline may wait before it expires unsent, unless its pipeline says. */
export const DEFAULT_EXPIRES_AFTER_MINUTES = 24 * 60;
/** Bounds on a pipeline's own `x-ops.expires_after_minutes`: a minute to 30 days. */
const EXPIRY_BOUNDS = { min: 1, max: 30 * 24 * 60 };

export interface PipelineRow extends Omit<PipelinesTable, '_hlc' | '_clocks'> {
  /** The clock of the `active` column: a 410 flag holds while it is unchanged. */
  active_clock: string;
  disabled_at: string | null;
  disabled_reason: string | null;
}

const PIPELINE_SELECT = `
  SELECT p.id, p.slug, p.name, p.description, p.params_schema, p.active,
         coalesce(json_extract(p._clocks, '$.active'), p._hlc) AS active_clock,
         d.disabled_at, d.reason AS disabled_reason
  FROM pipelines p
  LEFT JOIN pipelines_disabled d
    ON d.pipeline_id = p.id AND d.active_clock = coalesce(json_extract(p._clocks, '$.active'), p._hlc)`;

export function findPipeline(db: Sqlite, ref: { pipelineId?: string; slug?: string }): PipelineRow | undefined {
  if (ref.pipelineId) return cachedStatement(db, `${PIPELINE_SELECT} WHERE p.id = ?`).get(ref.pipelineId) as PipelineRow | undefined;
  if (ref.slug) {
    // Slugs are unique at the central; a replica may briefly hold two (a rename not yet pulled): the active one wins.
    return cachedStatement(db, `${PIPELINE_SELECT} WHERE p.slug = ? ORDER BY p.active DESC, p.id LIMIT 1`).get(ref.slug) as
      PipelineRow | undefined;
  }
  return undefined;
}

/** A pipeline a trigger may go to, or an error that says why not and what to do. */
export function usablePipeline(db: Sqlite, ref: { pipelineId?: string; slug?: string }): PipelineRow {
  if (!ref.pipelineId && !ref.slug) throw new OpsError('invalid_input', 'Choose a pipeline to run.', 'pipelineId');
  const pipeline = findPipeline(db, ref);
  if (!pipeline) {
    throw new OpsError(
      'not_found',
      `There is no pipeline ${ref.slug ? `“${ref.slug}”` : 'with that id'} in this workspace. Sync to fetch new pipelines, or pick one from the list.`,
      ref.slug ? 'slug' : 'pipelineId',
    );
  }
  if (pipeline.active !== 1) {
    throw new OpsError(
      'invalid_input',
      `“${pipeline.name}” is switched off, so it cannot be run. Ask an admin to switch it back on.`,
      ref.slug ? 'slug' : 'pipelineId',
    );
  }
  if (pipeline.disabled_at) {
    throw new OpsError(
      'invalid_input',
      `“${pipeline.name}” was disabled by the pipeline receiver (it answered 410 on ${pipeline.disabled_at.slice(0, 16).replace('T', ' ')} UTC), so it cannot be run. Ask an admin; once it is switched back on and you have synced, it can run again.`,
      ref.slug ? 'slug' : 'pipelineId',
    );
  }
  return pipeline;
}

export function parseSchema(text: string): Record<string, unknown> {
  try {
    const schema = JSON.parse(text) as unknown;
    return typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? (schema as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * How long a trigger of this pipeline may wait unsent: the schema's `x-ops.expires_after_minutes`
 * (an extension keyword ajv ignores; set by whoever defines the pipeline at the central, synced with
 * it), else 24 hours.
 */
export function expiresAfterMinutes(schema: Record<string, unknown>): number {
  const ops = schema['x-ops'];
  const value = typeof ops === 'object' && ops !== null ? (ops as Record<string, unknown>).expires_after_minutes : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_EXPIRES_AFTER_MINUTES;
  return Math.min(EXPIRY_BOUNDS.max, Math.max(EXPIRY_BOUNDS.min, Math.round(value)));
}
