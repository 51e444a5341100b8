// Billable hours per consultant and local week, each cell coloured by its utilization and a click
// from the entries behind it. The cells are the core's (one per consultant-week); weeks at the
// range's edges are cut to it.
import { GRID_MAX_WEEKS } from '../../../../shared/features/projects/contract';
import type { ProjectsRange, Utilization } from '../../../../shared/features/projects/types';
import { invoke } from '../../api/client';
import { useDisplay } from '../../app/display';
import { ExportCsvButton } from '../../ui/ExportCsvButton';
import { formatHours, formatShare } from '../../ui/figures';
import { Name, useNames } from '../../ui/Name';
import type { ProjectsDrill } from './drill';

interface Props {
  utilization: Utilization;
  range: ProjectsRange;
  filters: [string, string][];
  fileParts: string[];
  onDrill: (drill: ProjectsDrill) => void;
}

function tone(utilization: number | null, target: number): string {
  if (utilization === null) return 'cell-none';
  if (utilization >= target) return 'cell-good';
  if (utilization >= target * 0.75) return 'cell-near';
  return 'cell-low';
}

const TITLE = 'Billable hours per consultant per week';

/** The grid as CSV: a row per consultant, a column per week. */
function gridCsv(u: Utilization, filters: [string, string][]) {
  const cells = new Map(u.cells.map((c) => [`${c.consultantId}|${c.week}`, c]));
  const consultants = u.consultants.filter((c) => c.billableMinutes > 0 || c.capacityMinutes > 0);
  return {
    title: TITLE,
    filters,
    rows: consultants,
    columns: [
      { label: 'Consultant', value: (c: (typeof consultants)[number]) => c.name },
      ...u.weeks.map((w) => ({
        label: `Week of ${w.week} (minutes)`,
        value: (c: (typeof consultants)[number]) => cells.get(`${c.consultantId}|${w.week}`)?.billableMinutes ?? 0,
      })),
    ],
  };
}

export function WeekGrid({ utilization: u, range, filters, fileParts, onDrill }: Props) {
  const display = useDisplay();
  const names = useNames();
  const cells = new Map(u.cells.map((c) => [`${c.consultantId}|${c.week}`, c]));
  const consultants = u.consultants.filter((c) => c.billableMinutes > 0 || c.capacityMinutes > 0);
  // A range too wide to draw came without its cells: the CSV asks for them when pressed.
  const exportButton = u.cellsIncluded ? (
    <ExportCsvButton table={gridCsv(u, filters)} fileParts={fileParts} />
  ) : (
    <ExportCsvButton
      title={TITLE}
      load={async () => gridCsv(await invoke('projects.weekGrid', { from: range.from, to: range.to }), filters)}
      fileParts={fileParts}
    />
  );
  return (
    <section className="card" aria-labelledby="week-grid">
      <div className="card-head">
        <h2 id="week-grid">Billable hours per week</h2>
        <span className="muted">weeks from Monday; colour: at or above the {formatShare(u.target, 0)} target, near it, below</span>
        {exportButton}
      </div>
      {!u.cellsIncluded || u.weeks.length > GRID_MAX_WEEKS ? (
        <div className="empty" data-testid="week-grid-too-wide">
          {u.weeks.length} weeks do not fit on a screen: choose a quarter or less to see them here, or export them as CSV.
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table week-grid" aria-labelledby="week-grid">
            <thead>
              <tr>
                <th>Consultant</th>
                {u.weeks.map((w) => (
                  <th key={w.week} className="right">
                    {display.dayShort(w.first)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {consultants.map((c) => (
                <tr key={c.consultantId}>
                  <th scope="row">
                    <Name kind="consultant" name={c.name} />
                  </th>
                  {u.weeks.map((w) => {
                    const cell = cells.get(`${c.consultantId}|${w.week}`);
                    const minutes = cell?.billableMinutes ?? 0;
                    return (
                      <td key={w.week} className={`right num ${tone(cell?.utilization ?? null, u.target)}`}>
                        {minutes === 0 ? (
                          <span className="muted">–</span>
                        ) : (
                          <button
                            type="button"
                            className="drill"
                            onClick={() =>
                              onDrill({
                                title: `${names('consultant', c.name)}: week of ${display.dayShort(w.week)}`,
                                figure: `${formatHours(minutes)} billable, ${formatShare(cell?.utilization ?? null, 0)} of capacity`,
                                input: {
                                  figure: 'billableHours',
                                  consultantId: c.consultantId,
                                  from: range.from,
                                  to: range.to,
                                  week: w.week,
                                },
                              })
                            }
                          >
                            {(minutes / 60).toFixed(1)}
                            <span className="sr-only">
                              {' '}
                              hours by {names('consultant', c.name)} in the week of {display.dayShort(w.week)},{' '}
                              {formatShare(cell?.utilization ?? null, 0)} of capacity
                            </span>
                          </button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
