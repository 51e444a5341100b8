// The billing dashboard: revenue by month (invoiced and paid) against the period before, by client
// and by tier; receivables aging; unbilled work in progress; margin by tier, project and fixed-price
// package; paid within 30 days against the 95 % target, days sales outstanding and revenue per
// hour. Every figure is the core's SQL; a click opens the rows behind it. GST is always apart.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { TIER_LABELS } from '../../../../shared/domain';
import {
  AGING_BUCKETS,
  type AgingBucket,
  type BillingDashboard,
  type ClientAging,
  type ClientRevenue,
  type ClientWip,
  type FixedPriceFigures,
  type ProjectMargin,
  type TierMargin,
  type TierRevenue,
} from '../../../../shared/features/billing/types';
import { quickRange } from '../../../../shared/ranges';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DataTable, PAGE_ROWS } from '../../ui/DataTable';
import { formatHours, formatShare } from '../../ui/figures';
import { Money, useMoney } from '../../ui/Money';
import { Name, useNames } from '../../ui/Name';
import { PrintButton } from '../../ui/PrintButton';
import { RangeBar } from '../../ui/RangeBar';
import { resolveRange } from '../../ui/range-search';
import { AXIS_TICK, monthLabel, TOOLTIP_STYLE } from '../../ui/chart';
import { Tile } from '../../ui/Tile';
import { BillingDrillDown, type BillingDrill } from './drill';
import { Scrubbed } from '../../ui/presentation/Private';

const BUCKET_LABELS: Record<AgingBucket, string> = {
  current: 'Current',
  days1to30: '1–30 days',
  days31to60: '31–60 days',
  days61to90: '61–90 days',
  over90: '90+ days',
};
const shortMonth = (month: string) => monthLabel(month, '2-digit');
const tierName = (tier: keyof typeof TIER_LABELS | null) => (tier ? TIER_LABELS[tier] : 'Not one project');

export function BillingPage() {
  const search = useSearch({ from: '/billing' });
  const navigate = useNavigate({ from: '/billing' });
  const display = useDisplay();
  const { from, to } = resolveRange(search, quickRange('12m', display.today()));
  const dashboard = useApi('billing.dashboard', { from, to });
  const [drill, setDrill] = useState<BillingDrill | null>(null);
  return (
    <div className="page">
      <div className="row toolbar">
        <RangeBar range={{ from, to }} onChange={(range) => void navigate({ search: range })} />
        <Link to="/invoices" className="btn">
          Invoices
        </Link>
        <PrintButton />
      </div>
      {dashboard.data ? <Figures data={dashboard.data} onDrill={setDrill} /> : <div className="empty">Loading the billing dashboard…</div>}
      <BillingDrillDown drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}

function Figures({ data, onDrill }: { data: BillingDashboard; onDrill: (drill: BillingDrill) => void }) {
  const display = useDisplay();
  const money = useMoney();
  const names = useNames();
  const { range, revenue, aging, wip, margin, collection, dso, revenuePerHour } = data;
  const now = revenue.current;
  const before = revenue.previous;
  const filters: [string, string][] = [
    ['From', range.from],
    ['To', range.to],
    ['Time zone', range.timeZone],
    ['Amounts', 'AUD cents, ex GST unless the column says so'],
  ];
  const fileParts = (table: string) => ['billing', table, range.from, 'to', range.to];
  const changeTone = (a: number, b: number) => (a > b ? 'positive' : a < b ? 'negative' : 'neutral');
  const chart = now.months.map((m, i) => ({
    month: m.month,
    from: m.from,
    to: m.to,
    invoiced: m.invoicedCents,
    paid: m.paidCents,
    previous: before.months[i]?.invoicedCents ?? null,
  }));
  const revenueDrill = (
    basis: 'invoiced' | 'paid',
    extra: Partial<{ clientId: string; tier: NonNullable<TierRevenue['tier']>; from: string; to: string }>,
    title: string,
    cents: number,
  ) =>
    onDrill({
      title,
      figure: `${money(cents)} ${basis} (ex GST)`,
      input: {
        figure: 'revenue',
        basis,
        from: extra.from ?? range.from,
        to: extra.to ?? range.to,
        clientId: extra.clientId,
        tier: extra.tier,
      },
    });

  return (
    <>
      <div className="tiles tiles-6">
        <Tile
          label="Invoiced (ex GST)"
          value={<Money cents={now.invoicedCents} style="whole" />}
          compare={
            <>
              <Money cents={before.invoicedCents} style="whole" /> before
            </>
          }
          tone={changeTone(now.invoicedCents, before.invoicedCents)}
          onClick={() => revenueDrill('invoiced', {}, 'Invoiced in the range', now.invoicedCents)}
          testId="tile-invoiced"
        />
        <Tile label="GST invoiced" value={<Money cents={now.invoicedTaxCents} style="whole" />} compare="10 %, shown apart" />
        <Tile
          label="Paid (ex GST)"
          value={<Money cents={now.paidCents} style="whole" />}
          compare={
            <>
              <Money cents={before.paidCents} style="whole" /> before
            </>
          }
          tone={changeTone(now.paidCents, before.paidCents)}
          onClick={() => revenueDrill('paid', {}, 'Paid in the range', now.paidCents)}
          testId="tile-paid"
        />
        <Tile
          label="Receivables"
          value={<Money cents={aging.totalCents} style="whole" />}
          compare={`${aging.invoices} sent invoices, as of ${display.dayShort(aging.asOf)}`}
          onClick={() =>
            onDrill({
              title: 'Receivables',
              figure: `${money(aging.totalCents)} owed (incl. GST)`,
              input: { figure: 'aging', asOf: aging.asOf },
            })
          }
          testId="tile-receivables"
        />
        <Tile
          label="Unbilled work"
          value={<Money cents={wip.cents} style="whole" />}
          compare={`${formatHours(wip.roundedMinutes)}; on drafts ${money(wip.onDraftCents, 'whole')}`}
          onClick={() =>
            onDrill({
              title: 'Unbilled work in progress',
              figure: `${money(wip.cents)} not yet on a sent invoice`,
              input: { figure: 'wip', to: wip.asOf },
            })
          }
          testId="tile-wip"
        />
        <Tile
          label="Margin"
          value={<Money cents={margin.total.marginCents} style="whole" />}
          compare={margin.total.marginCents === null ? 'a cost rate is missing' : `${formatShare(margin.total.marginShare, 0)} of revenue`}
          tone={margin.total.marginCents === null ? 'neutral' : margin.total.marginCents >= 0 ? 'positive' : 'negative'}
          testId="tile-margin"
        />
        <Tile
          label="Paid within 30 days"
          value={formatShare(collection.share, 0)}
          compare={`target ${formatShare(collection.target, 0)} · ${collection.paidWithin30} of ${collection.decided}`}
          tone={collection.share === null ? 'neutral' : collection.share >= collection.target ? 'positive' : 'negative'}
          testId="tile-collection"
        />
        <Tile
          label="Days sales outstanding"
          value={dso.days === null ? '—' : `${Math.round(dso.days)} days`}
          compare={`owed ÷ invoiced × ${dso.spanDays} days`}
        />
        <Tile
          label="Revenue per hour"
          value={<Money cents={revenuePerHour.centsPerHour} style="whole" />}
          compare={`over ${formatHours(revenuePerHour.minutes)} worked`}
        />
      </div>

      {margin.total.missing && (
        <div className="notice" role="note" data-testid="missing-inputs">
          <Scrubbed text={margin.total.missing.message} />{' '}
          {margin.total.missing.consultants.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? ', ' : ''}
              <Name kind="consultant" name={c.name} />
            </span>
          ))}
        </div>
      )}

      <section className="card" aria-labelledby="revenue-chart">
        <div className="card-head">
          <h2 id="revenue-chart">Revenue by month</h2>
          <span className="muted">
            invoiced and paid, ex GST; the line is the period before ({display.dayMedium(before.from)} – {display.dayMedium(before.to)}); a
            bar opens its invoices
          </span>
        </div>
        <div
          className="card-body chart"
          role="img"
          aria-label={`Revenue by month: ${money(now.invoicedCents, 'whole')} invoiced and ${money(now.paidCents, 'whole')} paid in the range; the period before ${money(before.invoicedCents, 'whole')} invoiced.`}
        >
          <ResponsiveContainer width="100%" height={260}>
            <ComposedChart data={chart} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
              <XAxis dataKey="month" tick={AXIS_TICK} tickFormatter={shortMonth} />
              <YAxis tick={AXIS_TICK} width={64} tickFormatter={(v: number) => money(v, 'compact')} />
              <Tooltip
                contentStyle={TOOLTIP_STYLE}
                labelFormatter={(label) => shortMonth(String(label))}
                formatter={(value, name) => [typeof value === 'number' ? money(value, 'whole') : '—', String(name)]}
              />
              <Legend />
              <Bar
                dataKey="invoiced"
                name="Invoiced"
                fill="var(--accent)"
                isAnimationActive={false}
                cursor="pointer"
                onClick={(bar) => {
                  const m = bar.payload as (typeof chart)[number];
                  revenueDrill('invoiced', { from: m.from, to: m.to }, `Invoiced in ${shortMonth(m.month)}`, m.invoiced);
                }}
              />
              <Bar
                dataKey="paid"
                name="Paid"
                fill="var(--positive)"
                isAnimationActive={false}
                cursor="pointer"
                onClick={(bar) => {
                  const m = bar.payload as (typeof chart)[number];
                  revenueDrill('paid', { from: m.from, to: m.to }, `Paid in ${shortMonth(m.month)}`, m.paid);
                }}
              />
              <Line
                dataKey="previous"
                name="Invoiced, period before"
                stroke="var(--text-muted)"
                strokeDasharray="5 4"
                dot={false}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </section>

      <div className="two-columns">
        <DataTable<ClientRevenue>
          pageSize={PAGE_ROWS}
          title="Revenue by client"
          note="invoiced, ex GST"
          rows={data.byClient}
          rowKey={(r) => r.clientId}
          filters={filters}
          fileParts={fileParts('revenue-by-client')}
          initialSort={[{ id: 'invoiced', desc: true }]}
          testId="revenue-by-client"
          columns={[
            { id: 'client', header: 'Client', value: (r) => r.clientName, cell: (r) => <Name kind="client" name={r.clientName} /> },
            { id: 'invoices', header: 'Invoices', value: (r) => r.invoices, align: 'right' },
            {
              id: 'invoiced',
              header: 'Invoiced',
              value: (r) => r.invoicedCents,
              csvHeader: 'Invoiced (cents)',
              cell: (r) => <Money cents={r.invoicedCents} style="whole" />,
              align: 'right',
              onDrill: (r) =>
                revenueDrill('invoiced', { clientId: r.clientId }, `${names('client', r.clientName)}: invoiced`, r.invoicedCents),
              drillLabel: (r) => `invoices of ${names('client', r.clientName)}`,
            },
            {
              id: 'gst',
              header: 'GST',
              value: (r) => r.taxCents,
              csvHeader: 'GST (cents)',
              cell: (r) => <Money cents={r.taxCents} style="whole" />,
              align: 'right',
            },
          ]}
        />
        <DataTable<TierRevenue>
          title="Revenue by tier"
          note="invoiced, ex GST"
          rows={data.byTier}
          rowKey={(r) => r.tier ?? 'none'}
          filters={filters}
          fileParts={fileParts('revenue-by-tier')}
          columns={[
            { id: 'tier', header: 'Tier', value: (r) => tierName(r.tier) },
            { id: 'invoices', header: 'Invoices', value: (r) => r.invoices, align: 'right' },
            {
              id: 'invoiced',
              header: 'Invoiced',
              value: (r) => r.invoicedCents,
              csvHeader: 'Invoiced (cents)',
              cell: (r) => <Money cents={r.invoicedCents} style="whole" />,
              align: 'right',
              onDrill: (r) =>
                r.tier ? revenueDrill('invoiced', { tier: r.tier }, `${tierName(r.tier)}: invoiced`, r.invoicedCents) : undefined,
              drillLabel: (r) => `invoices of ${tierName(r.tier)}`,
            },
            {
              id: 'gst',
              header: 'GST',
              value: (r) => r.taxCents,
              csvHeader: 'GST (cents)',
              cell: (r) => <Money cents={r.taxCents} style="whole" />,
              align: 'right',
            },
          ]}
        />
      </div>

      <DataTable<ClientAging>
        pageSize={PAGE_ROWS}
        title="Receivables aging"
        note={`sent invoices by days past due, as of ${display.dayShort(aging.asOf)}, incl. GST`}
        rows={aging.clients}
        rowKey={(r) => r.clientId}
        filters={[...filters, ['As of', aging.asOf]]}
        fileParts={fileParts('aging')}
        empty="Nothing owed."
        initialSort={[{ id: 'total', desc: true }]}
        testId="aging"
        columns={[
          { id: 'client', header: 'Client', value: (r) => r.clientName, cell: (r) => <Name kind="client" name={r.clientName} /> },
          ...AGING_BUCKETS.map((bucket) => ({
            id: bucket,
            header: BUCKET_LABELS[bucket],
            value: (r: ClientAging) => r.buckets[bucket],
            csvHeader: `${BUCKET_LABELS[bucket]} (cents)`,
            cell: (r: ClientAging) =>
              r.buckets[bucket] === 0 ? <span className="muted">–</span> : <Money cents={r.buckets[bucket]} style="whole" />,
            align: 'right' as const,
            onDrill: (r: ClientAging) =>
              onDrill({
                title: `${names('client', r.clientName)}: ${BUCKET_LABELS[bucket].toLowerCase()}`,
                figure: `${money(r.buckets[bucket])} owed`,
                input: { figure: 'aging', asOf: aging.asOf, bucket, clientId: r.clientId },
              }),
            drillLabel: (r: ClientAging) => `invoices of ${names('client', r.clientName)} ${BUCKET_LABELS[bucket]}`,
          })),
          {
            id: 'total',
            header: 'Total',
            value: (r) => r.totalCents,
            csvHeader: 'Total (cents)',
            cell: (r) => <Money cents={r.totalCents} style="whole" />,
            align: 'right',
          },
        ]}
      />

      <DataTable<ClientWip>
        pageSize={PAGE_ROWS}
        title="Unbilled work in progress"
        note={`billable hours not on a sent or paid invoice, at their rates, as of ${display.dayShort(wip.asOf)}`}
        rows={wip.clients}
        rowKey={(r) => r.clientId}
        filters={[...filters, ['As of', wip.asOf]]}
        fileParts={fileParts('wip')}
        empty="No unbilled work."
        initialSort={[{ id: 'amount', desc: true }]}
        testId="wip"
        columns={[
          { id: 'client', header: 'Client', value: (r) => r.clientName, cell: (r) => <Name kind="client" name={r.clientName} /> },
          { id: 'projects', header: 'Projects', value: (r) => r.projects.length, align: 'right' },
          {
            id: 'hours',
            header: 'Hours',
            value: (r) => r.roundedMinutes,
            csvHeader: 'Rounded minutes',
            cell: (r) => formatHours(r.roundedMinutes),
            align: 'right',
          },
          {
            id: 'amount',
            header: 'Value',
            value: (r) => r.cents,
            csvHeader: 'Value (cents)',
            cell: (r) => <Money cents={r.cents} style="whole" />,
            align: 'right',
            onDrill: (r) =>
              onDrill({
                title: `${names('client', r.clientName)}: unbilled work`,
                figure: `${money(r.cents)} unbilled`,
                input: { figure: 'wip', to: wip.asOf, clientId: r.clientId },
              }),
            drillLabel: (r) => `entries of ${names('client', r.clientName)}`,
          },
          {
            id: 'draft',
            header: 'On drafts',
            value: (r) => r.onDraftCents,
            csvHeader: 'On drafts (cents)',
            cell: (r) => <Money cents={r.onDraftCents} style="whole" />,
            align: 'right',
          },
        ]}
      />

      <div className="two-columns">
        <DataTable<TierMargin>
          title="Margin by tier"
          note="revenue − hours at cost rates − expenses"
          rows={margin.tiers}
          rowKey={(r) => r.tier ?? 'none'}
          filters={filters}
          fileParts={fileParts('margin-by-tier')}
          columns={marginColumns<TierMargin>('tier', 'Tier', (r) => tierName(r.tier))}
        />
        <DataTable<FixedPriceFigures>
          pageSize={PAGE_ROWS}
          title="Fixed-price packages"
          note="the price against its cost, and the hourly rate it earned"
          rows={data.fixedPrice}
          rowKey={(r) => r.projectId}
          filters={filters}
          fileParts={fileParts('fixed-price')}
          empty="No fixed-price packages in this range."
          columns={[
            {
              id: 'project',
              header: 'Project',
              value: (r) => r.projectName,
              cell: (r) => (
                <Link to="/projects/$projectId" params={{ projectId: r.projectId }}>
                  <Name kind="project" name={r.projectName} />
                </Link>
              ),
            },
            {
              id: 'price',
              header: 'Price',
              value: (r) => r.priceCents,
              csvHeader: 'Price (cents)',
              cell: (r) => <Money cents={r.priceCents} style="whole" />,
              align: 'right',
            },
            {
              id: 'cost',
              header: 'Cost',
              value: (r) => r.costCents,
              csvHeader: 'Cost (cents)',
              cell: (r) => <Money cents={r.costCents} style="whole" />,
              align: 'right',
            },
            {
              id: 'margin',
              header: 'Margin',
              value: (r) => r.marginCents,
              csvHeader: 'Margin (cents)',
              cell: (r) => <Money cents={r.marginCents} style="whole" />,
              align: 'right',
            },
            {
              id: 'rate',
              header: 'Earned / hour',
              value: (r) => r.effectiveHourlyRateCents,
              csvHeader: 'Earned per hour (cents)',
              cell: (r) => <Money cents={r.effectiveHourlyRateCents} style="whole" />,
              align: 'right',
            },
          ]}
        />
      </div>

      <DataTable<ProjectMargin>
        pageSize={PAGE_ROWS}
        title="Margin by project"
        note="revenue invoiced in the range − its hours at cost rates − its expenses"
        rows={margin.projects}
        rowKey={(r) => r.projectId ?? `client-${r.clientId}`}
        filters={filters}
        fileParts={fileParts('margin-by-project')}
        initialSort={[{ id: 'revenue', desc: true }]}
        testId="margin-by-project"
        columns={[
          {
            id: 'project',
            header: 'Project',
            value: (r) => r.projectName ?? 'Not one project',
            cell: (r) =>
              r.projectId ? (
                <Link to="/projects/$projectId" params={{ projectId: r.projectId }}>
                  <Name kind="project" name={r.projectName} />
                </Link>
              ) : (
                <span className="muted">Not one project</span>
              ),
          },
          { id: 'client', header: 'Client', value: (r) => r.clientName, cell: (r) => <Name kind="client" name={r.clientName} /> },
          { id: 'pricing', header: 'Pricing', value: (r) => r.pricing ?? '' },
          ...marginColumns<ProjectMargin>('tier', 'Tier', (r) => tierName(r.tier)).slice(1),
        ]}
      />
    </>
  );
}

/** The columns every margin table shares (the first names the row). */
function marginColumns<R extends TierMargin | ProjectMargin>(id: string, header: string, label: (r: R) => string) {
  return [
    { id, header, value: label },
    {
      id: 'revenue',
      header: 'Revenue',
      value: (r: R) => r.revenueCents,
      csvHeader: 'Revenue (cents)',
      cell: (r: R) => <Money cents={r.revenueCents} style="whole" />,
      align: 'right' as const,
    },
    {
      id: 'labour',
      header: 'Hours at cost',
      value: (r: R) => r.labourCostCents,
      csvHeader: 'Labour cost (cents)',
      cell: (r: R) => <Money cents={r.labourCostCents} style="whole" missing="no cost rate" />,
      align: 'right' as const,
    },
    {
      id: 'expenses',
      header: 'Expenses',
      value: (r: R) => r.expensesCents,
      csvHeader: 'Expenses (cents)',
      cell: (r: R) => <Money cents={r.expensesCents} style="whole" />,
      align: 'right' as const,
    },
    {
      id: 'margin',
      header: 'Margin',
      value: (r: R) => r.marginCents,
      csvHeader: 'Margin (cents)',
      cell: (r: R) => <Money cents={r.marginCents} style="whole" />,
      align: 'right' as const,
    },
    {
      id: 'share',
      header: 'Share',
      value: (r: R) => r.marginShare,
      csvHeader: 'Margin share',
      cell: (r: R) => formatShare(r.marginShare, 0),
      align: 'right' as const,
    },
  ];
}
