import type { WeekGrid } from '../../../../shared/domain';
import { formatMinutes } from '../../../../shared/time';
import { useDisplay } from '../../app/display';
import { Name } from '../../ui/Name';

/** Raw minutes, with the rounded figure beneath where the project's rule changes it. */
function Cell({ raw, rounded }: { raw: number; rounded: number }) {
  if (raw === 0) return <span className="zero">–</span>;
  return (
    <>
      {formatMinutes(raw)}
      {rounded !== raw && <span className="cell-sub">≈ {formatMinutes(rounded)}</span>}
    </>
  );
}

export function WeekTable({ grid, today, onPickDay }: { grid: WeekGrid; today: string; onPickDay: (day: string) => void }) {
  const display = useDisplay();
  if (grid.rows.length === 0) return <div className="empty">No hours this week yet.</div>;
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Week timesheet">
        <thead>
          <tr>
            <th>Project</th>
            {grid.days.map((day) => (
              <th key={day} className={`right ${day === today ? 'today' : ''}`}>
                <button type="button" className="link-button" onClick={() => onPickDay(day)}>
                  {display.dayShort(day)}
                </button>
              </th>
            ))}
            <th className="right">Total</th>
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.projectId} data-testid="week-row">
              <td>
                <Name kind="project" name={row.projectName} />
                <span className="cell-sub">
                  <Name kind="client" name={row.clientName} />
                </span>
              </td>
              {row.minutes.map((raw, i) => (
                <td key={grid.days[i]} className={`right num ${grid.days[i] === today ? 'today' : ''}`}>
                  <Cell raw={raw} rounded={row.roundedMinutes[i]!} />
                </td>
              ))}
              <td className="right num">
                <Cell raw={row.totalMinutes} rounded={row.totalRoundedMinutes} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>Total</td>
            {grid.dayTotals.map((raw, i) => (
              <td key={grid.days[i]} className="right num">
                <Cell raw={raw} rounded={grid.dayRoundedTotals[i]!} />
              </td>
            ))}
            <td className="right num" data-testid="week-total">
              <Cell raw={grid.totalMinutes} rounded={grid.totalRoundedMinutes} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
