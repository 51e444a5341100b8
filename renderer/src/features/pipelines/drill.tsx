// The jobs behind a figure of the pipelines dashboard (a day's runs of one status, a pipeline's
// runs): the core counts them all, which is the figure clicked; the newest are listed.
import { Link } from '@tanstack/react-router';
import type { Input } from '../../../../shared/contract';
import type { JobView } from '../../../../shared/features/pipelines/types';
import { localDay } from '../../../../shared/time';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import type { Column } from '../../ui/DataTable';
import { DrillDown } from '../../ui/DrillDown';
import { Name } from '../../ui/Name';
import { formatMs, statusLabel } from './format';
import { StatusBadge } from './StatusBadge';

export type PipelinesDrill = { title: string; figure: string; input: Input<'pipelines.rows'> };

export function PipelinesDrillDown({ drill, onClose }: { drill: PipelinesDrill | null; onClose: () => void }) {
  const display = useDisplay();
  const rows = useApi('pipelines.rows', drill?.input ?? { from: '2000-01-01', to: '2000-01-01' }, { enabled: !!drill });
  const data = drill ? rows.data : undefined;
  const columns: Column<JobView>[] = [
    {
      id: 'requested',
      header: 'Requested',
      value: (j) => j.requestedAt,
      cell: (j) => (
        <Link to="/pipelines/jobs/$jobId" params={{ jobId: j.id }}>
          {display.dayShort(localDay(j.requestedAt, display.timeZone))}, {display.clock(j.requestedAt)}
        </Link>
      ),
    },
    { id: 'pipeline', header: 'Pipeline', value: (j) => j.pipelineName },
    { id: 'status', header: 'Status', value: (j) => statusLabel(j.status), cell: (j) => <StatusBadge status={j.status} /> },
    {
      id: 'by',
      header: 'Requested by',
      value: (j) => j.requestedByName,
      cell: (j) => (j.requestedByName ? <Name kind="consultant" name={j.requestedByName} /> : '—'),
    },
    {
      id: 'duration',
      header: 'Duration',
      value: (j) => j.durationMs,
      csvHeader: 'Duration (ms)',
      cell: (j) => formatMs(j.durationMs),
      align: 'right',
    },
  ];
  return (
    <DrillDown
      open={!!drill}
      onClose={onClose}
      title={drill?.title ?? ''}
      figure={drill?.figure ?? ''}
      input={drill?.input ?? null}
      columns={columns}
      rows={data?.rows}
      rowKey={(j) => j.id}
      fileParts={['pipelines', drill?.title ?? 'jobs']}
      truncated={data?.truncated}
      total={data && { count: data.count, noun: ['job', 'jobs'] }}
    />
  );
}
