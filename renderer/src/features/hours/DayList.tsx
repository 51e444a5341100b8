import { Lock, Pencil, Trash2 } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { toast } from 'sonner';
import type { TimeEntry } from '../../../../shared/domain';
import { formatMinutes, localDay } from '../../../../shared/time';
import { useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { useConfirm } from '../../ui/confirm';
import { Money } from '../../ui/Money';
import { Name, useNames } from '../../ui/Name';
import { Private } from '../../ui/presentation/Private';

interface Props {
  entries: TimeEntry[];
  /** Another consultant's hours: shown, never editable (only they can change them). */
  readOnly: boolean;
  onEdit: (entry: TimeEntry) => void;
  /** An entry to point out (just saved): scrolled into view and highlighted. */
  highlightId?: string | null;
  /** What to say when there is nothing to list. */
  empty: React.ReactNode;
}

export function DayList({ entries, readOnly, onEdit, highlightId, empty }: Props) {
  const display = useDisplay();
  const confirm = useConfirm();
  const names = useNames();
  const restore = useApiMutation('entries.create', { onSuccess: () => toast.success('Entry restored') });
  const remove = useApiMutation('entries.delete');
  const highlighted = useRef<HTMLTableRowElement>(null);
  useEffect(() => highlighted.current?.scrollIntoView({ block: 'nearest' }), [highlightId]);

  const onDelete = async (e: TimeEntry) => {
    const yes = await confirm({
      title: 'Delete this entry?',
      body: `${formatMinutes(e.minutes)} on ${names('project', e.projectName)}, ${display.clock(e.startedAt)}. You can undo right after.`,
      confirmLabel: 'Delete entry',
      danger: true,
    });
    if (!yes) return;
    remove.mutate(
      { id: e.id },
      {
        onSuccess: () =>
          toast.success(`Entry deleted: ${formatMinutes(e.minutes)} on ${names('project', e.projectName)}`, {
            action: {
              label: 'Undo',
              onClick: () =>
                restore.mutate({ projectId: e.projectId, startedAt: e.startedAt, minutes: e.minutes, billable: e.billable, note: e.note }),
            },
          }),
      },
    );
  };

  if (entries.length === 0) return <div className="empty">{empty}</div>;
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Day entries">
        <thead>
          <tr>
            <th className="col-time">Time</th>
            <th>Project</th>
            <th>Note</th>
            <th className="right">Raw</th>
            <th className="right">Rounded</th>
            <th className="right">Amount</th>
            <th className="col-actions">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const end = new Date(Date.parse(e.startedAt) + e.minutes * 60_000).toISOString();
            const nextDay = localDay(end, display.timeZone) !== localDay(e.startedAt, display.timeZone);
            return (
              <tr
                key={e.id}
                data-testid="entry-row"
                ref={e.id === highlightId ? highlighted : undefined}
                className={e.id === highlightId ? 'row-highlight' : undefined}
              >
                <td className="num nowrap">
                  {display.clock(e.startedAt)}–{display.clock(end)}
                  {nextDay && (
                    <sup className="next-day" title="Ends the next day">
                      +1
                    </sup>
                  )}
                </td>
                <td>
                  <Name kind="project" name={e.projectName} />
                  <span className="cell-sub">
                    <Name kind="client" name={e.clientName} />
                  </span>
                </td>
                <td className="muted cell-note">{e.note ? <Private text={e.note} /> : '—'}</td>
                <td className="right num">{formatMinutes(e.minutes)}</td>
                <td
                  className="right num"
                  title={e.roundingMode === 'none' ? 'No rounding on this project' : `Rounded ${e.roundingMode} to ${e.roundingStep} min`}
                >
                  {formatMinutes(e.roundedMinutes)}
                </td>
                <td className="right num">{e.billable ? <Money cents={e.amountCents} /> : <span className="badge">non-billable</span>}</td>
                <td className="right">
                  {readOnly ? null : e.locked ? (
                    <span className="badge nowrap" title={`On invoice ${e.invoiceNumber ?? ''}: locked`}>
                      <Lock size={12} aria-label="Locked, on invoice" /> {e.invoiceNumber}
                    </span>
                  ) : (
                    <span className="row row-end">
                      <button type="button" className="btn btn-icon" aria-label="Edit entry" onClick={() => onEdit(e)}>
                        <Pencil size={14} aria-hidden />
                      </button>
                      <button type="button" className="btn btn-icon btn-danger" aria-label="Delete entry" onClick={() => void onDelete(e)}>
                        <Trash2 size={14} aria-hidden />
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
