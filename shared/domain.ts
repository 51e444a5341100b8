// Domain vocabulary shared by the core, the renderer and the `ops` command.
import type { Company } from './features/workspace/company';

export const PROJECT_TIERS = ['pipeline_mvp', 'devops_foundation', 'enterprise_cloud'] as const;
export type ProjectTier = (typeof PROJECT_TIERS)[number];

export const TIER_LABELS: Record<ProjectTier, string> = {
  pipeline_mvp: 'Pipeline MVP',
  devops_foundation: 'DevOps Foundation',
  enterprise_cloud: 'Enterprise Cloud',
};

export const PROJECT_STATUSES = ['proposed', 'active', 'on_hold', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  proposed: 'Proposed',
  active: 'Active',
  on_hold: 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
/** Hours can no longer be logged against these. */
export const ARCHIVED_PROJECT_STATUSES: readonly ProjectStatus[] = ['completed', 'cancelled'];

/** How a project is sold: by the hour, or as a fixed-price package (its price is the budget, ex GST). */
export const PROJECT_PRICINGS = ['hourly', 'fixed'] as const;
export type ProjectPricing = (typeof PROJECT_PRICINGS)[number];

export const INVOICE_STATUSES = ['draft', 'sent', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
/** Time entries on an invoice in one of these states are locked. */
export const LOCKING_INVOICE_STATUSES: readonly InvoiceStatus[] = ['sent', 'paid'];

export const JOB_STATUSES = ['requested', 'queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const ROUNDING_MODES = ['none', 'up', 'down', 'nearest'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];
export const ROUNDING_STEPS = [6, 15] as const;
export type RoundingStep = (typeof ROUNDING_STEPS)[number];

export function describeRounding(mode: RoundingMode, step: number): string {
  return mode === 'none' ? 'No rounding' : `Rounded ${mode} to ${step} min`;
}

export const MAX_NOTE_LENGTH = 2000;
export const MAX_ENTRY_MINUTES = 24 * 60;

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
/** How clock times are written: the machine locale's habit, or always 24-hour / 12-hour. */
export const TIME_FORMATS = ['auto', '24h', '12h'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];
/** Whole-app text scale steps (Ctrl +/−), for projectors. */
export const TEXT_SCALES = [1, 1.125, 1.25, 1.375, 1.5] as const;

/**
 * demo: made-up data, sealed (it never syncs). work: the user's real workspace, which starts empty
 * and fills by its first sync with the central database. file: a replica opened directly (--db).
 */
export type WorkspaceKind = 'demo' | 'work' | 'file';

export interface Consultant {
  id: string;
  name: string;
  email: string;
  defaultRateCents: number;
  weeklyCapacityHours: number;
  active: boolean;
}

export interface ProjectSummary {
  id: string;
  name: string;
  clientId: string;
  clientName: string;
  tier: ProjectTier;
  status: ProjectStatus;
  hourlyRateCents: number | null;
  roundingMode: RoundingMode;
  roundingStep: number;
  /** Hourly: its billable hours are invoiced. Fixed: its price is invoiced in milestones. */
  pricing: ProjectPricing;
  archived: boolean;
}

export interface TimeEntry {
  id: string;
  projectId: string;
  projectName: string;
  clientName: string;
  consultantId: string;
  startedAt: string;
  minutes: number;
  roundedMinutes: number;
  roundingMode: RoundingMode;
  roundingStep: number;
  billable: boolean;
  note: string;
  rateCents: number;
  amountCents: number;
  invoiceId: string | null;
  invoiceNumber: string | null;
  locked: boolean;
}

export interface RunningTimer {
  projectId: string;
  projectName: string;
  clientName: string;
  consultantId: string;
  note: string;
  startedAt: string;
}

export interface WeekGrid {
  weekStart: string;
  days: string[];
  rows: Array<{
    projectId: string;
    projectName: string;
    clientName: string;
    minutes: number[]; // one per day, raw
    roundedMinutes: number[];
    totalMinutes: number;
    totalRoundedMinutes: number;
  }>;
  dayTotals: number[];
  dayRoundedTotals: number[];
  totalMinutes: number;
  totalRoundedMinutes: number;
  billableMinutes: number;
  capacityMinutes: number;
}

export interface WorkspaceInfo {
  kind: WorkspaceKind;
  /** What the user calls it: Demo, Work. */
  name: string;
  /** Never syncs (the demo workspace): its made-up data must never reach a real central database. */
  sealed: boolean;
  path: string;
  /** The IANA zone this workspace shows days and times in (the demo's: Australia/Brisbane). */
  timeZone: string;
  consultant: Consultant | null;
  counts: { consultants: number; projects: number };
}

export interface ReplicaStatus {
  workspace: WorkspaceKind;
  path: string;
  schemaVersion: number;
  clientId: string;
  outboxPending: number;
  outboxRejected: number;
  lastSyncAt: string | null;
  lastSyncError: string | null;
  timer: RunningTimer | null;
  rows: Record<string, number>;
}

export interface Settings {
  theme: Theme;
  /** The workspace's business block for invoices (features/workspace/company.ts). */
  company: Company;
  consultantId: string | null;
  timeFormat: TimeFormat;
  /** One of TEXT_SCALES. */
  textScale: number;
  /** Presentation mode: names become pseudonyms, amounts and free text are masked (docs/presentation.md). */
  presentation: boolean;
  /** The desktop app turns presentation mode on by itself when a second display is connected. */
  presentOnSecondDisplay: boolean;
}

/** What `workspace.refreshDemo` made: the demo's new last day (its history ends the day before). */
export interface DemoRefresh {
  anchor: string;
  timeZone: string;
  timeEntries: number;
}

export interface Rejection {
  mutationId: number;
  table: string;
  rowId: string;
  op: 'upsert' | 'delete';
  columns: string[] | null;
  reason: string;
  rejectedAt: string;
  /** What the change was, in words. */
  summary: string;
  /** The row was deleted elsewhere: Retry cannot apply it, Restore adds it again as a new row. */
  deletedElsewhere: boolean;
  /** The row's values as they were when the change was refused (kept even if the row is gone). */
  values: Record<string, unknown> | null;
  /** Whether Restore can add these values again as a new row (time entries). */
  restorable: boolean;
}

export interface CentralSettings {
  /** postgres://user@host:port/database?sslmode=… — never with the password. */
  url: string | null;
  passwordStored: boolean;
  /** Where the password is kept: the OS keychain, or (Linux without a keyring) plain text. */
  secretStorage: 'keychain' | 'plaintext' | 'memory';
}

/** How far a running sync has got: mutations sent, or rows received and applied. */
export interface SyncProgress {
  phase: 'push' | 'pull';
  rows: number;
}

export interface SyncStatus {
  /** This workspace never syncs (the demo): the screens say so and offer the switch to Work. */
  sealed: boolean;
  configured: boolean;
  central: string | null;
  online: boolean | null;
  syncing: boolean;
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  /** Why the last attempt failed (null: it succeeded, or none was made). */
  lastError: string | null;
  pending: number;
  rejected: number;
  /** The counts of the last attempt, when it succeeded (null after a failed one). This workspace's own. */
  lastResult: { pushed: number; rejected: number; pulled: number; deleted: number; ms: number } | null;
  /** While a sync runs: how far it has got (a first sync of a new laptop takes a while). */
  progress: SyncProgress | null;
  /**
   * This computer's clock minus the central database's, in ms, as measured at the last sync (null:
   * never measured). Positive: this computer is ahead.
   */
  clockSkewMs: number | null;
  /** What the last syncs found that the user should know (a copied replica, a restored central). */
  notice: string | null;
}
