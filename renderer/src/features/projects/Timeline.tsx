// The open projects from start to due, on one time axis with today marked; overdue ones flagged.
// Positions are presentation only (percentages of the axis), no figure is computed here.
import { Link } from '@tanstack/react-router';
import type { TimelineProject } from '../../../../shared/features/projects/types';
import { TIER_LABELS } from '../../../../shared/domain';
import { useDisplay } from '../../app/display';
import { Name } from '../../ui/Name';

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

export function Timeline({ timeline, today, onDrillOverdue }: { timeline: TimelineProject[]; today: string; onDrillOverdue: () => void }) {
  const display = useDisplay();
  if (timeline.length === 0) {
    return (
      <section className="card" aria-labelledby="timeline">
        <div className="card-head">
          <h2 id="timeline">Timeline</h2>
        </div>
        <div className="empty">No open projects.</div>
      </section>
    );
  }
  const start = Math.min(...timeline.map((p) => dayNumber(p.startOn)), dayNumber(today));
  const end = Math.max(...timeline.map((p) => dayNumber(p.dueOn ?? today)), dayNumber(today)) + 1;
  const at = (day: string) => `${((dayNumber(day) - start) / (end - start)) * 100}%`;
  const rows = [...timeline].sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  const overdue = timeline.filter((p) => p.overdue).length;
  return (
    <section className="card" aria-labelledby="timeline">
      <div className="card-head">
        <h2 id="timeline">Timeline</h2>
        <span className="muted">open projects, start to due; the line is today ({display.dayShort(today)})</span>
        {overdue > 0 && (
          <button type="button" className="btn card-action" onClick={onDrillOverdue}>
            {overdue} overdue
          </button>
        )}
      </div>
      <ol className="timeline-chart" aria-label="Open projects from start to due">
        {rows.map((p) => (
          <li key={p.projectId} className={p.overdue ? 'overdue' : undefined} data-testid="timeline-row">
            <span className="timeline-name">
              <Link to="/projects/$projectId" params={{ projectId: p.projectId }}>
                <Name kind="project" name={p.name} />
              </Link>
              <span className="muted"> · {TIER_LABELS[p.tier]}</span>
            </span>
            <span className="timeline-track">
              <span
                className={`timeline-bar${p.dueOn ? '' : ' no-due'}`}
                style={{ left: at(p.startOn), width: `calc(${at(p.dueOn ?? today)} - ${at(p.startOn)})` }}
              />
              <span className="timeline-today" style={{ left: at(today) }} aria-hidden />
            </span>
            <span className="timeline-when">
              {p.overdue ? (
                <span className="badge badge-danger">{p.daysOverdue} days overdue</span>
              ) : p.dueOn ? (
                <span className="muted">due {display.dayShort(p.dueOn)}</span>
              ) : (
                <span className="muted">no due day</span>
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
