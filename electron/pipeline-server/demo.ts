// The demo catalog's pipelines (with their parameter schemas) in a central database, for a central
// that is not filled from a seeded demo replica.
import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import { PIPELINES } from '../core/demo/catalog';

/**
 * Inserts the demo catalog's pipelines whose slug the central lacks (a direct write), and returns
 * slug → id. For a central that is not filled from a seeded demo replica (which brings its own).
 */
export async function ensureDemoPipelines(central: Pick<pg.Client, 'query'>): Promise<Record<string, string>> {
  for (const p of PIPELINES) {
    await central.query(
      `INSERT INTO pipelines (id, slug, name, description, params_schema, active) VALUES ($1, $2, $3, $4, $5, true)
       ON CONFLICT (slug) DO NOTHING`,
      [uuidv7(), p.slug, p.name, p.description, JSON.stringify(p.params_schema)],
    );
  }
  const { rows } = await central.query<{ slug: string; id: string }>('SELECT slug, id FROM pipelines');
  return Object.fromEntries(rows.map((r) => [r.slug, r.id]));
}
