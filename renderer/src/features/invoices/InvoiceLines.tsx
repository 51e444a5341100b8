// An invoice's lines and totals, the one table the invoice page, its print view and the new-invoice
// dialog's preview all draw: hourly lines (project × rate: hours, rate, amount) or a fixed-price
// milestone (an amount of the price), then subtotal, GST and total as the core computed them.
import type { InvoiceLine, InvoiceTotals } from '../../../../shared/features/invoices/types';
import { formatShare } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { Name } from '../../ui/Name';
import { formatLineHours, roundingLabel } from './format';

export interface MilestoneLine {
  projectName: string;
  /** The project's price (null: none set). */
  priceCents: number | null;
  amountCents: number;
}

export function InvoiceLines({
  lines,
  milestone,
  totals,
  label,
  empty,
}: {
  lines: readonly InvoiceLine[];
  milestone?: MilestoneLine | null;
  totals: InvoiceTotals;
  /** The table's accessible name. */
  label: string;
  /** What an invoice with no lines says instead. */
  empty: string;
}) {
  return (
    <div className="table-scroll">
      <table className="table invoice-lines" aria-label={label}>
        <thead>
          <tr>
            <th>Description</th>
            <th className="right">Hours</th>
            <th className="right">Rate</th>
            <th className="right">Amount</th>
          </tr>
        </thead>
        <tbody>
          {milestone ? (
            <tr data-testid="milestone-line">
              <td>
                <Name kind="project" name={milestone.projectName} />
                <span className="muted line-sub">
                  Fixed-price milestone
                  {milestone.priceCents ? (
                    <>
                      : {formatShare(milestone.amountCents / milestone.priceCents, 0)} of the price of{' '}
                      <Money cents={milestone.priceCents} />
                    </>
                  ) : null}
                </span>
              </td>
              <td className="right muted">—</td>
              <td className="right muted">—</td>
              <td className="right">
                <Money cents={milestone.amountCents} />
              </td>
            </tr>
          ) : lines.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                {empty}
              </td>
            </tr>
          ) : (
            lines.map((l) => (
              <tr key={`${l.projectId}-${l.rateCents}`}>
                <td>
                  <Name kind="project" name={l.projectName} />
                  <span className="muted line-sub">
                    {l.entryCount} {l.entryCount === 1 ? 'entry' : 'entries'}, rounded {roundingLabel(l.roundingMode, l.roundingStep)}
                  </span>
                </td>
                <td className="right num">{formatLineHours(l.hours)}</td>
                <td className="right">
                  <Money cents={l.rateCents} />
                </td>
                <td className="right">
                  <Money cents={l.amountCents} />
                </td>
              </tr>
            ))
          )}
        </tbody>
        <tfoot className="invoice-totals">
          <tr>
            <th scope="row" colSpan={3} className="right">
              Subtotal (ex GST)
            </th>
            <td className="right" data-testid="invoice-subtotal">
              <Money cents={totals.subtotalCents} />
            </td>
          </tr>
          <tr>
            <th scope="row" colSpan={3} className="right">
              GST 10 %
            </th>
            <td className="right" data-testid="invoice-gst">
              <Money cents={totals.taxCents} />
            </td>
          </tr>
          <tr className="invoice-total">
            <th scope="row" colSpan={3} className="right">
              Total (inc GST)
            </th>
            <td className="right" data-testid="invoice-total">
              <Money cents={totals.totalCents} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
