// Every client with its status, industry, region, feedback (NPS, satisfaction and the NPS trend over
// the range), money to date (revenue, margin, receivables) and active projects; retention for the
// range's last year. The range and the status filter live in the URL; the core computes every figure.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { CLIENT_STATUSES, type ClientRow, type ClientsOverview } from '../../../../shared/features/clients/types';
import { quickRange } from '../../../../shared/ranges';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DataTable, PAGE_ROWS } from '../../ui/DataTable';
import { formatShare } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { Name } from '../../ui/Name';
import { PrintButton } from '../../ui/PrintButton';
import { RangeBar } from '../../ui/RangeBar';
import { resolveRange } from '../../ui/range-search';
import { Tile } from '../../ui/Tile';
import { formatNps } from '../overview/format';
import { CLIENT_STATUS_LABELS, ClientStatusBadge, NpsTrend } from './format';
import { Private } from '../../ui/presentation/Private';

export function ClientsPage() {
  const search = useSearch({ from: '/clients' });
  const navigate = useNavigate({ from: '/clients' });
  const display = useDisplay();
  const { from, to } = resolveRange(search, quickRange('12m', display.today()));
  const overview = useApi('clients.list', { from, to, status: search.status });

  return (
    <div className="page">
      <div className="row toolbar">
        <RangeBar range={{ from, to }} compare={false} onChange={(range) => void navigate({ search: (s) => ({ ...s, ...range }) })} />
        <div className="segmented" role="group" aria-label="Status">
          {[undefined, ...CLIENT_STATUSES].map((status) => (
            <button
              key={status ?? 'all'}
              type="button"
              aria-pressed={search.status === status}
              onClick={() => void navigate({ search: (s) => ({ ...s, status }) })}
            >
              {status ? CLIENT_STATUS_LABELS[status] : 'All'}
            </button>
          ))}
        </div>
        <PrintButton />
      </div>
      {overview.data ? <Clients data={overview.data} status={search.status} /> : <div className="empty">Loading the clients…</div>}
    </div>
  );
}

function Clients({ data, status }: { data: ClientsOverview; status: string | undefined }) {
  const display = useDisplay();
  const r = data.retention;
  const filters: [string, string][] = [
    ['Feedback from', data.from],
    ['Feedback to', data.to],
    ['Money', `to date (${data.today})`],
    ['Status', status ?? 'all'],
    ['Time zone', data.timeZone],
  ];
  return (
    <>
      <div className="tiles">
        <Tile
          label={`Retention ${r.year}`}
          value={formatShare(r.rate, 0)}
          compare={`${r.retained} of ${r.activeLastYear} clients active in ${r.year - 1} worked with again`}
          testId="tile-retention"
        />
        <Tile
          label="Revenue to date"
          value={<Money cents={data.totals.revenueCents} style="whole" />}
          compare="sent and paid invoices, ex GST"
        />
        <Tile
          label="Receivables"
          value={<Money cents={data.totals.receivablesCents} style="whole" />}
          compare="sent, not yet paid, GST incl."
        />
        <Tile
          label="NPS"
          value={formatNps(data.totals.feedback.nps)}
          compare={`${data.totals.feedback.responses} responses · satisfied ${formatShare(data.totals.feedback.satisfaction, 0)}`}
        />
      </div>
      {data.missing && <p className="notice notice-warning">{data.missing}</p>}
      {(r.lapsed.length > 0 || r.gained.length > 0) && (
        <details className="card retention-details" data-testid="retention-details">
          <summary>
            {r.lapsed.length} lapsed, {r.gained.length} new in {r.year}
          </summary>
          <div className="two-columns card-body">
            <div>
              <h3>
                Active in {r.year - 1}, not (yet) in {r.year}
              </h3>
              <ul className="plain-list">
                {r.lapsed.map((c) => (
                  <li key={c.id}>
                    <Link to="/clients/$clientId" params={{ clientId: c.id }}>
                      <Name kind="client" name={c.name} />
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>New in {r.year}</h3>
              <ul className="plain-list">
                {r.gained.map((c) => (
                  <li key={c.id}>
                    <Link to="/clients/$clientId" params={{ clientId: c.id }}>
                      <Name kind="client" name={c.name} />
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </details>
      )}
      <DataTable<ClientRow>
        pageSize={PAGE_ROWS}
        title="Clients"
        note={`feedback ${display.dayShort(data.from)} – ${display.dayShort(data.to)}; money to date`}
        rows={data.clients}
        rowKey={(c) => c.id}
        filters={filters}
        fileParts={['clients', status ?? 'all', data.from, 'to', data.to]}
        testId="clients-table"
        empty={status ? `No ${status} client.` : 'No client yet: converting a won lead creates one.'}
        initialSort={[{ id: 'revenue', desc: true }]}
        columns={[
          {
            id: 'name',
            header: 'Client',
            value: (c) => c.name,
            cell: (c) => (
              <Link to="/clients/$clientId" params={{ clientId: c.id }} search={{ from: data.from, to: data.to }}>
                <Name kind="client" name={c.name} />
              </Link>
            ),
          },
          { id: 'status', header: 'Status', value: (c) => c.status, cell: (c) => <ClientStatusBadge status={c.status} /> },
          { id: 'industry', header: 'Industry', value: (c) => c.industry || null },
          { id: 'region', header: 'Region', value: (c) => c.region || null, cell: (c) => (c.region ? <Private text={c.region} /> : '—') },
          { id: 'nps', header: 'NPS', value: (c) => c.feedback.nps, cell: (c) => formatNps(c.feedback.nps), align: 'right' },
          {
            id: 'satisfaction',
            header: 'Satisfied',
            value: (c) => c.feedback.satisfaction,
            csvHeader: 'Satisfied (share)',
            cell: (c) => formatShare(c.feedback.satisfaction, 0),
            align: 'right',
          },
          {
            id: 'trend',
            header: 'NPS trend',
            value: (c) => c.feedback.responses,
            csvHeader: 'Responses',
            cell: (c) => <NpsTrend row={c} />,
          },
          {
            id: 'revenue',
            header: 'Revenue',
            value: (c) => c.revenueCents,
            csvHeader: 'Revenue (cents)',
            cell: (c) => <Money cents={c.revenueCents} style="whole" />,
            align: 'right',
          },
          {
            id: 'margin',
            header: 'Margin',
            value: (c) => c.marginCents,
            csvHeader: 'Margin (cents)',
            cell: (c) => (
              <>
                <Money cents={c.marginCents} style="whole" />{' '}
                <span className="muted">{c.marginRate === null ? '' : formatShare(c.marginRate, 0)}</span>
              </>
            ),
            align: 'right',
          },
          { id: 'active', header: 'Active', csvHeader: 'Active projects', value: (c) => c.activeProjects, align: 'right' },
          {
            id: 'receivables',
            header: 'Receivables',
            value: (c) => c.receivablesCents,
            csvHeader: 'Receivables (cents)',
            cell: (c) => <Money cents={c.receivablesCents} style="whole" />,
            align: 'right',
          },
        ]}
      />
    </>
  );
}
