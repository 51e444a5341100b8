// The workspace channels: which workspace is open (and switching it), its settings and the user's,
// the replica's status, and the consultants and projects every screen lists.
import { OpsError } from '../../../shared/contract';
import type { workspaceContract } from '../../../shared/features/workspace/contract';
import type { Settings, WorkspaceInfo } from '../../../shared/domain';
import type { CoreContext, HandlersOf } from '../context';
import { getTimer } from '../hours/timer';
import { readSetting, writeSetting } from '../sync/replica';
import { readCompany, writeCompany } from './company';
import { findConsultantByEmail, listConsultants, replicaStatus } from './queries';
import type { UserSettings, UserSettingsStore } from './user-settings';
import { demoTimeZone, openManaged, replaceDemo, seedFreshDemo, WORKSPACE_NAMES, type ManagedKind } from './workspaces';
import { localDay } from '../../../shared/time';

/** A background service that works on the open workspace: it pauses while the workspace is switched. */
export interface WorkspaceService {
  beforeSwitch(): Promise<void>;
  afterSwitch(): void;
}

export function workspaceHandlers(
  ctx: CoreContext,
  services: readonly WorkspaceService[],
  userSettings: UserSettingsStore,
): HandlersOf<typeof workspaceContract> {
  const settings = (user: UserSettings = userSettings.get()): Settings => ({
    ...user,
    consultantId: readSetting(ctx.db, 'consultant_id'),
    company: readCompany(ctx.db),
  });

  /** Waits until no sync (or delivery) runs, then switches synchronously (so none starts in between). */
  const switchTo = async (kind: ManagedKind) => {
    for (const service of services) await service.beforeSwitch();
    ctx.replaceWorkspace(openManaged(ctx.options.dataDir!, kind, { seedAnchor: ctx.options.demoAnchor }).workspace);
    for (const service of services) service.afterSwitch();
  };

  let refreshing = false;
  /**
   * A fresh demo, its history ending yesterday in the demo's zone: seeded beside the old one (the
   * app keeps answering meanwhile), then swapped in. Work is never opened.
   */
  const refreshDemo = async () => {
    if (ctx.workspace.kind === 'file') {
      throw new OpsError(
        'unsupported',
        'This session opened a replica file directly (--db), so it has no demo workspace to refresh. Start without --db.',
      );
    }
    if (refreshing) throw new OpsError('conflict', 'The demo is already being refreshed. Wait for it to finish.');
    refreshing = true;
    try {
      const dataDir = ctx.options.dataDir!;
      const demoOpen = ctx.workspace.kind === 'demo';
      const timeZone = demoOpen ? ctx.timeZone() : demoTimeZone(dataDir);
      const anchor = localDay(new Date().toISOString(), timeZone);
      const fresh = await seedFreshDemo(dataDir, anchor, timeZone);
      if (!demoOpen) {
        replaceDemo(dataDir, fresh.file);
      } else {
        for (const service of services) await service.beforeSwitch();
        try {
          ctx.db.close();
          try {
            replaceDemo(dataDir, fresh.file);
          } finally {
            // The fresh demo, or (if it could not be put in place) the old one again.
            ctx.replaceWorkspace(openManaged(dataDir, 'demo').workspace);
          }
        } finally {
          for (const service of services) service.afterSwitch();
        }
      }
      return { anchor, timeZone, timeEntries: fresh.timeEntries };
    } finally {
      refreshing = false;
    }
  };

  return {
    'workspace.info': () => workspaceInfo(ctx),
    'workspace.refreshDemo': refreshDemo,
    'workspace.switch': async ({ kind }) => {
      if (ctx.workspace.kind === 'file') {
        throw new OpsError(
          'unsupported',
          'This session opened a replica file directly (--db), so it cannot switch workspaces. Start without --db.',
        );
      }
      if (kind !== ctx.workspace.kind) await switchTo(kind);
      return workspaceInfo(ctx);
    },
    'settings.get': () => settings(),
    'settings.update': ({ consultantId, timeZone, company, ...user }) => {
      if (consultantId && !listConsultants(ctx.db).some((c) => c.id === consultantId)) {
        throw new OpsError('not_found', 'That consultant is not in this workspace. Pick one from the list.', 'consultantId');
      }
      // The workspace's settings first (one transaction), then the user's: all were checked above.
      ctx.replica.transaction(() => {
        if (consultantId) writeSetting(ctx.db, 'consultant_id', consultantId);
        if (timeZone) writeSetting(ctx.db, 'time_zone', timeZone);
        if (company) writeCompany(ctx.db, company);
      });
      const changes = Object.fromEntries(Object.entries(user).filter(([, v]) => v !== undefined)) as Partial<UserSettings>;
      return settings(Object.keys(changes).length > 0 ? userSettings.set(changes) : userSettings.get());
    },
    'status.get': () => ({
      workspace: ctx.workspace.kind,
      path: ctx.workspace.path,
      clientId: ctx.replica.clientId,
      timer: getTimer(ctx.db),
      ...replicaStatus(ctx.db),
    }),
    'consultants.list': () => listConsultants(ctx.db),
  };
}

function workspaceInfo(ctx: CoreContext): WorkspaceInfo {
  const id = ctx.options.consultantEmail
    ? findConsultantByEmail(ctx.db, ctx.options.consultantEmail)
    : readSetting(ctx.db, 'consultant_id');
  // Only the small tables: every screen asks for this, and counting the entries or jobs of a big
  // replica costs as much as a dashboard (70 ms at scale 10).
  const count = (table: 'consultants' | 'projects') => ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    kind: ctx.workspace.kind,
    name: WORKSPACE_NAMES[ctx.workspace.kind],
    sealed: ctx.workspace.sealed,
    path: ctx.workspace.path,
    timeZone: ctx.timeZone(),
    consultant: listConsultants(ctx.db).find((c) => c.id === id) ?? null,
    counts: { consultants: count('consultants'), projects: count('projects') },
  };
}
