// The pipelines dashboard's tables as CSV: the figures on screen, with the range and zone on top.
// Times are local to the workspace's zone (as on screen); durations in seconds, rates in percent.
import type { JobStatus } from '../../../../shared/domain';
import { JOB_STATUSES } from '../../../../shared/domain';
import type { DayRuns, PipelineDashboard, PipelineFigures, RecentFailure } from '../../../../shared/features/pipelines/types';
import { localDay, localTime } from '../../../../shared/time';
import type { CsvTable } from '../../ui/csv';

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export function dashboardCsv(
  data: PipelineDashboard,
  timeZone: string,
): { perPipeline: CsvTable<PipelineFigures>; perDay: CsvTable<DayRuns>; failures: CsvTable<RecentFailure> } {
  const filters: [string, string][] = [
    ['From', data.range.from],
    ['To', data.range.to],
    ['Time zone', timeZone],
  ];
  return {
    perPipeline: {
      title: 'Pipelines: per pipeline',
      filters,
      rows: data.pipelines,
      columns: [
        { label: 'Pipeline', value: (p) => p.name },
        { label: 'Slug', value: (p) => p.slug },
        { label: 'Runs', value: (p) => p.runs },
        { label: 'Succeeded', value: (p) => p.succeeded },
        { label: 'Failed', value: (p) => p.failed },
        { label: 'Cancelled', value: (p) => p.cancelled },
        { label: 'Success rate (%)', value: (p) => percent(p.successRate) },
        { label: 'Duration p50 (s)', value: (p) => seconds(p.p50DurationMs) },
        { label: 'Duration p95 (s)', value: (p) => seconds(p.p95DurationMs) },
        { label: 'Queue p50 (s)', value: (p) => seconds(p.p50QueueMs) },
        { label: 'Queue p95 (s)', value: (p) => seconds(p.p95QueueMs) },
      ],
    },
    perDay: {
      title: 'Pipelines: runs per day by status',
      filters,
      rows: data.days,
      columns: [
        { label: 'Day', value: (d) => d.day },
        ...JOB_STATUSES.map((status: JobStatus) => ({ label: status, value: (d: DayRuns) => d.counts[status] ?? 0 })),
      ],
    },
    failures: {
      title: 'Pipelines: recent failures',
      filters,
      rows: data.recentFailures,
      columns: [
        { label: 'Finished (local)', value: (f) => `${localDay(f.finishedAt, timeZone)} ${localTime(f.finishedAt, timeZone)}` },
        { label: 'Pipeline', value: (f) => f.pipelineName },
        { label: 'Job id', value: (f) => f.jobId },
        { label: 'Error', value: (f) => f.error },
      ],
    },
  };
}
