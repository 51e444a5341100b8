// How the clients screens show a client's status and its NPS trend.
import type { ClientRow, ClientStatus } from '../../../../shared/features/clients/types';
import { monthLabel } from '../../ui/chart';
import { Sparkline } from '../../ui/Sparkline';
import { formatNps } from '../overview/format';

export const CLIENT_STATUS_LABELS: Record<ClientStatus, string> = { prospect: 'Prospect', active: 'Active', inactive: 'Inactive' };

export function ClientStatusBadge({ status }: { status: ClientStatus }) {
  const tone = status === 'active' ? 'badge-positive' : status === 'prospect' ? 'badge-accent' : '';
  return <span className={`badge ${tone}`}>{CLIENT_STATUS_LABELS[status]}</span>;
}

/** The NPS month by month as a small line, named in words (the figures are on the client's page). */
export function NpsTrend({ row }: { row: Pick<ClientRow, 'npsTrend' | 'name'> }) {
  if (row.npsTrend.every((m) => m.nps === null)) return <span className="muted">no responses</span>;
  return (
    <span className="cell-spark">
      <Sparkline points={row.npsTrend.map((m) => ({ label: monthLabel(m.month), value: m.nps }))} name="NPS by month" format={formatNps} />
    </span>
  );
}
