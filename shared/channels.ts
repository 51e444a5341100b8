// The names that cross every bridge: API channels and core events. Kept free of dependencies so
// the sandboxed preload can check names without bundling the schemas.
import type { RunningTimer, SyncStatus } from './domain';

export const CHANNELS = [
  'workspace.info',
  'workspace.switch',
  'workspace.refreshDemo',
  'settings.get',
  'settings.update',
  'status.get',
  'consultants.list',
  'timer.get',
  'timer.start',
  'timer.switch',
  'timer.stop',
  'timer.discard',
  'entries.list',
  'entries.week',
  'entries.get',
  'entries.create',
  'entries.update',
  'entries.delete',
  'central.get',
  'central.update',
  'central.test',
  'sync.status',
  'sync.now',
  'sync.rejections',
  'sync.retry',
  'sync.discard',
  'sync.restore',
  'pipelines.list',
  'pipelines.dashboard',
  'pipelines.rows',
  'pipelines.trigger',
  'pipelines.settings.get',
  'pipelines.settings.update',
  'jobs.list',
  'jobs.get',
  'jobs.remote',
  'jobs.cancel',
  'jobs.rerun',
  'jobs.retryDelivery',
  'deliveries.pending',
  'deliveries.send',
  'projects.list',
  'projects.dashboard',
  'projects.get',
  'projects.rows',
  'projects.weekGrid',
  'invoices.preview',
  'invoices.create',
  'invoices.milestone',
  'invoices.send',
  'invoices.pay',
  'invoices.void',
  'invoices.get',
  'invoices.list',
  'billing.dashboard',
  'billing.rows',
  'leads.list',
  'leads.get',
  'leads.add',
  'leads.update',
  'leads.move',
  'leads.convert',
  'leads.dashboard',
  'feedback.add',
  'feedback.list',
  'feedback.nps',
  'clients.list',
  'clients.get',
  'kpis.scorecard',
  'metrics.list',
  'metrics.define',
  'metrics.record',
  'diagnostics.get',
  'export.json',
] as const;
export type Channel = (typeof CHANNELS)[number];

export type AppCommand =
  | 'new-entry'
  | 'toggle-timer'
  | 'go-hours'
  | 'command-palette'
  | 'toggle-presentation'
  /** The desktop app turned presentation mode on because a second display was connected. */
  | 'presenting-second-display';

/** Events the core (or the shell, for app.command) pushes to every front end. */
export interface Events {
  'timer.changed': RunningTimer | null;
  'data.changed': { tables: string[] };
  'sync.changed': SyncStatus;
  /** A menu, tray or global shortcut asked the window to do something. */
  'app.command': { command: AppCommand };
}
export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = ['timer.changed', 'data.changed', 'sync.changed', 'app.command'];
