// Who is acting and when, for the sales features' writes and figures: today is a local day of the
// workspace's zone by the replica's clock (corrected by the central's at each sync).
import { localDay } from '../../../shared/time';
import type { CoreContext } from '../context';
import { centralRole } from '../sync/role';
import type { Actor } from './writes';

/** Today in the workspace's zone, by the replica's (central-corrected) clock. */
export function todayOf(ctx: CoreContext): { today: string; now: string; timeZone: string } {
  const timeZone = ctx.timeZone();
  const now = new Date(ctx.replica.now()).toISOString();
  return { today: localDay(now, timeZone), now, timeZone };
}

export function actorOf(ctx: CoreContext): Actor {
  return { me: ctx.consultantId(), role: centralRole(ctx.db, ctx.workspace.sealed), ...todayOf(ctx) };
}
