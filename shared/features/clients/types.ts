// Clients: the list with their figures, retention, and one client's page. Money is integer cents
// ex GST unless named total; days are local days of the workspace's zone.
import type { InvoiceStatus, ProjectStatus, ProjectTier } from '../../domain';
import type { FeedbackRow, NpsFigure } from '../feedback/types';
import type { LeadSummary } from '../leads/types';

export const CLIENT_STATUSES = ['prospect', 'active', 'inactive'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

export interface ClientRow {
  id: string;
  name: string;
  industry: string;
  region: string;
  status: ClientStatus;
  /** Feedback in the range (NPS, satisfaction and counts); nulls when no response. */
  feedback: NpsFigure;
  /** NPS per month of the range (null where the month has no response): the trend. */
  npsTrend: Array<{ month: string; nps: number | null; satisfaction: number | null; responses: number }>;
  /** Sent and paid invoices to date (by issue day ≤ today), ex GST. */
  revenueCents: number;
  /** Revenue − labour cost (minutes × cost rate) − expenses, to date; null when a cost rate is missing. */
  marginCents: number | null;
  /** margin / revenue; null when either is unknown or revenue is 0. */
  marginRate: number | null;
  activeProjects: number;
  projectCount: number;
  /** Sent invoices not yet paid: their totals, GST included. */
  receivablesCents: number;
  /** Open leads tied to this client. */
  openLeads: number;
  /** The last local day hours were logged for the client (null: never). */
  lastWorkedOn: string | null;
}

/**
 * Clients active in a year (hours logged on one of their projects, local days of the zone) that
 * were active the year before. rate = retained / activeLastYear; null when none was.
 */
export interface Retention {
  year: number;
  activeLastYear: number;
  activeThisYear: number;
  retained: number;
  rate: number | null;
  /** Active last year but not (yet) this year. */
  lapsed: Array<{ id: string; name: string }>;
  /** Active this year, not last year. */
  gained: Array<{ id: string; name: string }>;
}

export interface ClientsOverview {
  from: string;
  to: string;
  today: string;
  timeZone: string;
  clients: ClientRow[];
  retention: Retention;
  totals: { revenueCents: number; receivablesCents: number; activeProjects: number; feedback: NpsFigure };
  /** Why a figure is not shown (a cost rate missing on this replica), in words; null when all are. */
  missing: string | null;
}

export interface ClientProjectRow {
  id: string;
  name: string;
  tier: ProjectTier;
  status: ProjectStatus;
  budgetCents: number;
  startOn: string;
  dueOn: string | null;
  minutes: number;
  billableMinutes: number;
  revenueCents: number;
}

export interface ClientInvoiceRow {
  id: string;
  number: string;
  projectId: string | null;
  status: InvoiceStatus;
  issuedOn: string;
  dueOn: string;
  paidOn: string | null;
  subtotalCents: number;
  totalCents: number;
}

export interface ClientDetail extends ClientRow {
  projects: ClientProjectRow[];
  invoices: ClientInvoiceRow[];
  /** Hours by month over the range (raw minutes, as logged). */
  hours: { minutes: number; billableMinutes: number; months: Array<{ month: string; minutes: number; billableMinutes: number }> };
  /** Newest first, all of them (not only the range's). */
  feedbackRows: FeedbackRow[];
  leads: LeadSummary[];
}
