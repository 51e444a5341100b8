import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import type { ProjectSummary, TimeEntry } from '../../../../shared/domain';
import { describeRounding } from '../../../../shared/domain';
import { formatMinutes, localDay } from '../../../../shared/time';
import { ApiCallError } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { ProjectSelect } from './ProjectSelect';
import { instantToLocalTime, localToInstant, viewTimeZone } from './time';
import { Field } from '../../ui/Field';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  projects: ProjectSummary[];
  /** The entry to edit; none for a new entry. */
  entry?: TimeEntry;
  defaultDay: string;
  defaultProjectId: string;
}

interface Draft {
  projectId: string;
  day: string;
  start: string;
  end: string;
  billable: boolean;
  note: string;
}

function draftFor(entry: TimeEntry | undefined, day: string, projectId: string): Draft {
  if (!entry) return { projectId, day, start: '09:00', end: '10:00', billable: true, note: '' };
  const end = new Date(Date.parse(entry.startedAt) + entry.minutes * 60_000).toISOString();
  return {
    projectId: entry.projectId,
    day: localDay(entry.startedAt, viewTimeZone()),
    start: instantToLocalTime(entry.startedAt),
    end: instantToLocalTime(end),
    billable: entry.billable,
    note: entry.note,
  };
}

export function EntryDialog({ open, onOpenChange, ...form }: Props) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
          <Dialog.Title>{form.entry ? 'Edit time entry' : 'New time entry'}</Dialog.Title>
          {/* Mounted on every open, so the form starts from the entry (or defaults) each time. */}
          <EntryForm {...form} onDone={() => onOpenChange(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function EntryForm({
  projects,
  entry,
  defaultDay,
  defaultProjectId,
  onDone,
}: Omit<Props, 'open' | 'onOpenChange'> & { onDone: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftFor(entry, defaultDay, defaultProjectId));
  const [error, setError] = useState<ApiCallError | null>(null);

  const done = { onSuccess: onDone, toastErrors: false };
  const create = useApiMutation('entries.create', done);
  const update = useApiMutation('entries.update', done);
  const pending = create.isPending || update.isPending;
  const project = projects.find((p) => p.id === draft.projectId);
  const startedAt = localToInstant(draft.day, draft.start);
  // Start and end are on the chosen day; an end before the start is refused by the core.
  const endedAt = localToInstant(draft.day, draft.end);
  const previewMinutes = startedAt && endedAt ? Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 60_000) : null;
  // Archived projects are not offered, but an edited entry may sit on one: keep it in the list.
  const choices =
    entry && !projects.some((p) => p.id === entry.projectId)
      ? [...projects, { id: entry.projectId, name: entry.projectName, clientName: entry.clientName } as ProjectSummary]
      : projects;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!draft.projectId) return setError(new ApiCallError({ code: 'invalid_input', message: 'Choose a project.', field: 'projectId' }));
    if (!startedAt || !endedAt)
      return setError(
        new ApiCallError({ code: 'invalid_input', message: 'Enter a date, a start time and an end time.', field: 'startedAt' }),
      );
    const input = { projectId: draft.projectId, startedAt, endedAt, billable: draft.billable, note: draft.note };
    const onError = (e: ApiCallError) => setError(e);
    if (entry) update.mutate({ id: entry.id, ...input }, { onError });
    else create.mutate(input, { onError });
  };

  const invalid = (field: string) => error?.field === field || undefined;

  return (
    <form onSubmit={submit} style={{ display: 'grid', gap: 'var(--space-4)' }} noValidate>
      <div className="dialog-grid">
        <Field label="Project" wide>
          <ProjectSelect
            projects={choices}
            value={draft.projectId}
            onChange={(id) => set('projectId', id)}
            invalid={invalid('projectId')}
            label="Project"
          />
        </Field>
        <Field label="Date">
          <input
            className="input"
            type="date"
            value={draft.day}
            onChange={(e) => set('day', e.target.value)}
            aria-invalid={invalid('startedAt')}
            aria-label="Date"
          />
        </Field>
        <Field label="Start">
          <input
            className="input"
            type="time"
            value={draft.start}
            onChange={(e) => set('start', e.target.value)}
            aria-invalid={invalid('startedAt')}
            aria-label="Start time"
          />
        </Field>
        <Field label="End">
          <input
            className="input"
            type="time"
            value={draft.end}
            onChange={(e) => set('end', e.target.value)}
            aria-invalid={invalid('endedAt')}
            aria-label="End time"
          />
        </Field>
        <Field label="Note" wide>
          <textarea
            className="input"
            rows={2}
            value={draft.note}
            onChange={(e) => set('note', e.target.value)}
            aria-invalid={invalid('note')}
            aria-label="Note"
          />
        </Field>
        <label className="row wide">
          <input type="checkbox" checked={draft.billable} onChange={(e) => set('billable', e.target.checked)} /> Billable
        </label>
      </div>
      <div className="muted" style={{ fontSize: 'var(--text-sm)' }}>
        {previewMinutes !== null && previewMinutes > 0 ? `Duration ${formatMinutes(previewMinutes)}` : 'Duration —'}
        {project ? ` · ${describeRounding(project.roundingMode, project.roundingStep)}` : ''}
      </div>
      {error && (
        <div className="form-error" role="alert">
          {error.message}
        </div>
      )}
      <div className="dialog-actions">
        <Dialog.Close asChild>
          <button type="button" className="btn">
            Cancel
          </button>
        </Dialog.Close>
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {entry ? 'Save changes' : 'Add entry'}
        </button>
      </div>
    </form>
  );
}
