import { Lock, Pencil, Trash2 } from 'lucide-react';
import type { TimeEntry } from '../../../../shared/domain';
import { formatCents } from '../../../../shared/money';
import { formatMinutes } from '../../../../shared/time';
import { useApiMutation } from '../../api/hooks';
import { instantToLocalTime } from './time';

interface Props {
  entries: TimeEntry[];
  /** Another consultant's hours: shown, never editable (only they can change them). */
  readOnly: boolean;
  onEdit: (entry: TimeEntry) => void;
}

export function DayList({ entries, readOnly, onEdit }: Props) {
  const remove = useApiMutation('entries.delete');
  if (entries.length === 0) return <div className="empty">No entries for this day. Start the timer or add an entry (N).</div>;
  return (
    <table className="table" aria-label="Day entries">
      <thead>
        <tr>
          <th style={{ width: 110 }}>Time</th>
          <th>Project</th>
          <th>Note</th>
          <th className="right">Raw</th>
          <th className="right">Rounded</th>
          <th className="right">Amount</th>
          <th style={{ width: 80 }} />
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const end = new Date(Date.parse(e.startedAt) + e.minutes * 60_000).toISOString();
          return (
            <tr key={e.id} data-testid="entry-row">
              <td className="num">
                {instantToLocalTime(e.startedAt)}–{instantToLocalTime(end)}
              </td>
              <td>
                {e.projectName}
                <span className="cell-sub">{e.clientName}</span>
              </td>
              <td className="muted">{e.note || '—'}</td>
              <td className="right num">{formatMinutes(e.minutes)}</td>
              <td
                className="right num"
                title={e.roundingMode === 'none' ? 'No rounding on this project' : `Rounded ${e.roundingMode} to ${e.roundingStep} min`}
              >
                {formatMinutes(e.roundedMinutes)}
              </td>
              <td className="right num">{e.billable ? formatCents(e.amountCents) : <span className="badge">non-billable</span>}</td>
              <td className="right">
                {readOnly ? null : e.locked ? (
                  <span className="badge" title={`On invoice ${e.invoiceNumber ?? ''}: locked`}>
                    <Lock size={11} /> {e.invoiceNumber}
                  </span>
                ) : (
                  <span className="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap' }}>
                    <button type="button" className="btn btn-icon" aria-label="Edit entry" onClick={() => onEdit(e)}>
                      <Pencil size={13} />
                    </button>
                    <button
                      type="button"
                      className="btn btn-icon btn-danger"
                      aria-label="Delete entry"
                      onClick={() => window.confirm('Delete this entry?') && remove.mutate({ id: e.id })}
                    >
                      <Trash2 size={13} />
                    </button>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
