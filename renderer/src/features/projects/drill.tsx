// The rows behind a projects figure: one dialog for every drill-down on the Projects screens.
import { Link } from '@tanstack/react-router';
import type { Input } from '../../../../shared/contract';
import type { DrillProjectRow, ProjectEntryRow } from '../../../../shared/features/projects/types';
import { PROJECT_STATUS_LABELS, TIER_LABELS } from '../../../../shared/domain';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import type { Column } from '../../ui/DataTable';
import { DrillDown } from '../../ui/DrillDown';
import { formatHours } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { Name } from '../../ui/Name';

export type ProjectsDrill = { title: string; figure: string; input: Input<'projects.rows'> };

export function ProjectsDrillDown({ drill, onClose }: { drill: ProjectsDrill | null; onClose: () => void }) {
  const display = useDisplay();
  const rows = useApi('projects.rows', drill?.input ?? { figure: 'overdue' }, { enabled: !!drill });
  const data = drill ? rows.data : undefined;
  const filters: [string, string][] = drill
    ? Object.entries(drill.input)
        .filter(([key]) => key !== 'limit')
        .map(([key, value]) => [key, String(value)])
    : [];
  const entryColumns: Column<ProjectEntryRow>[] = [
    { id: 'day', header: 'Day', value: (r) => r.day, cell: (r) => display.dayShort(r.day) },
    {
      id: 'consultant',
      header: 'Consultant',
      value: (r) => r.consultantName,
      cell: (r) => <Name kind="consultant" name={r.consultantName} />,
    },
    { id: 'minutes', header: 'Hours', value: (r) => r.minutes, csvHeader: 'Minutes', cell: (r) => formatHours(r.minutes), align: 'right' },
    {
      id: 'amount',
      header: 'Amount',
      value: (r) => r.amountCents,
      csvHeader: 'Amount (cents)',
      cell: (r) => <Money cents={r.amountCents} />,
      align: 'right',
    },
    { id: 'invoiced', header: 'Invoiced', value: (r) => (r.invoiceId ? 'yes' : 'no') },
    { id: 'note', header: 'Note', value: (r) => r.note },
  ];
  const projectColumns: Column<DrillProjectRow>[] = [
    {
      id: 'name',
      header: 'Project',
      value: (r) => r.name,
      cell: (r) => (
        <Link to="/projects/$projectId" params={{ projectId: r.projectId }}>
          <Name kind="project" name={r.name} />
        </Link>
      ),
    },
    { id: 'client', header: 'Client', value: (r) => r.clientName, cell: (r) => <Name kind="client" name={r.clientName} /> },
    { id: 'tier', header: 'Tier', value: (r) => TIER_LABELS[r.tier] },
    { id: 'status', header: 'Status', value: (r) => PROJECT_STATUS_LABELS[r.status] },
    { id: 'start', header: 'Start', value: (r) => r.startOn },
    { id: 'due', header: 'Due', value: (r) => r.dueOn },
    { id: 'done', header: 'Completed', value: (r) => r.completedOn },
  ];
  const fileParts = ['projects', drill?.title ?? 'rows'];
  if (data?.kind === 'entries') {
    return (
      <DrillDown
        open={!!drill}
        onClose={onClose}
        title={drill!.title}
        figure={drill!.figure}
        columns={entryColumns}
        rows={data.rows}
        rowKey={(r) => r.id}
        filters={filters}
        fileParts={fileParts}
        truncated={data.truncated}
        footer={
          <tr data-testid="drill-total">
            <td colSpan={2}>
              {data.count} {data.count === 1 ? 'entry' : 'entries'}
            </td>
            <td className="right num">{formatHours(data.minutes)}</td>
            <td className="right">
              <Money cents={data.amountCents} />
            </td>
            <td colSpan={2} />
          </tr>
        }
      />
    );
  }
  return (
    <DrillDown
      open={!!drill}
      onClose={onClose}
      title={drill?.title ?? ''}
      figure={drill?.figure ?? ''}
      columns={projectColumns}
      rows={data?.kind === 'projects' ? data.rows : undefined}
      rowKey={(r) => r.projectId}
      filters={filters}
      fileParts={fileParts}
      truncated={data?.kind === 'projects' ? data.truncated : false}
      footer={
        data?.kind === 'projects' ? (
          <tr data-testid="drill-total">
            <td colSpan={7}>
              {data.count} {data.count === 1 ? 'project' : 'projects'}
            </td>
          </tr>
        ) : undefined
      }
    />
  );
}
