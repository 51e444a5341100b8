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
import { Private } from '../../ui/presentation/Private';

export type ProjectsDrill = { title: string; figure: string; input: Input<'projects.rows'> };

export function ProjectsDrillDown({ drill, onClose }: { drill: ProjectsDrill | null; onClose: () => void }) {
  const display = useDisplay();
  const rows = useApi('projects.rows', drill?.input ?? { figure: 'overdue' }, { enabled: !!drill });
  const data = drill ? rows.data : undefined;
  const entryColumns: Column<ProjectEntryRow>[] = [
    { id: 'day', header: 'Day', value: (r) => r.day, cell: (r) => display.dayShort(r.day) },
    // One consultant's hours list their projects; one project's list who worked.
    drill?.input.figure === 'billableHours'
      ? {
          id: 'project',
          header: 'Project',
          value: (r) => r.projectName,
          cell: (r) => (
            <Link to="/projects/$projectId" params={{ projectId: r.projectId }}>
              <Name kind="project" name={r.projectName} />
            </Link>
          ),
        }
      : {
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
    { id: 'note', header: 'Note', value: (r) => r.note, cell: (r) => <Private text={r.note} /> },
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
  const common = {
    open: !!drill,
    onClose,
    title: drill?.title ?? '',
    figure: drill?.figure ?? '',
    input: drill?.input ?? null,
    fileParts: ['projects', drill?.title ?? 'rows'],
  };
  if (data?.kind === 'entries') {
    return (
      <DrillDown
        {...common}
        columns={entryColumns}
        rows={data.rows}
        rowKey={(r) => r.id}
        truncated={data.truncated}
        total={{
          count: data.count,
          noun: ['entry', 'entries'],
          sums: { minutes: formatHours(data.minutes), amount: <Money cents={data.amountCents} /> },
        }}
      />
    );
  }
  const projects = data?.kind === 'projects' ? data : undefined;
  return (
    <DrillDown
      {...common}
      columns={projectColumns}
      rows={projects?.rows}
      rowKey={(r) => r.projectId}
      truncated={projects?.truncated}
      total={projects && { count: projects.count, noun: ['project', 'projects'] }}
    />
  );
}
