import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import type { ProjectSummary, TimeEntry } from '../../../../shared/domain';
import { ARCHIVED_PROJECT_STATUSES, describeRounding } from '../../../../shared/domain';
import { addDays, formatMinutes } from '../../../../shared/time';
import { ApiCallError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DateField } from '../../ui/DateField';
import { Field } from '../../ui/Field';
import { TimeField } from '../../ui/TimeField';
import { draftFromEntry, entryChanges, timing, type Draft } from './entry-draft';
import { ProjectSelect } from './ProjectSelect';
import { Scrubbed } from '../../ui/presentation/Private';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  projects: ProjectSummary[];
  /** The entry to edit; none for a new entry. */
  entry?: TimeEntry;
  defaultDay: string;
  defaultProjectId: string;
  onSaved: (entry: TimeEntry, verb: string) => void;
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
  onSaved,
  onDone,
}: Omit<Props, 'open' | 'onOpenChange'> & { onDone: () => void }) {
  const display = useDisplay();
  const [original] = useState<Draft>(() =>
    entry
      ? draftFromEntry(entry, display.timeZone)
      : {
          projectId: defaultProjectId,
          day: defaultDay,
          start: '09:00',
          end: '10:00',
          duration: '1:00',
          mode: 'end',
          billable: true,
          note: '',
        },
  );
  const [draft, setDraft] = useState<Draft>(original);
  const [error, setError] = useState<ApiCallError | null>(null);
  // An edited entry may sit on a completed or cancelled project, which the active list leaves out.
  const allProjects = useApi('projects.list', { includeArchived: true }, { enabled: !!entry });
  const ownProject =
    entry && !projects.some((p) => p.id === entry.projectId) ? allProjects.data?.find((p) => p.id === entry.projectId) : undefined;
  const choices = ownProject ? [...projects, ownProject] : projects;

  const saved = (verb: string) => ({
    toastErrors: false,
    onSuccess: (value: TimeEntry) => {
      onDone();
      onSaved(value, verb);
    },
  });
  const create = useApiMutation('entries.create', saved('Entry added'));
  const update = useApiMutation('entries.update', saved('Entry saved'));
  const pending = create.isPending || update.isPending;
  const project = choices.find((p) => p.id === draft.projectId);
  const t = timing(draft, display.timeZone);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!draft.projectId) return setError(new ApiCallError({ code: 'invalid_input', message: 'Choose a project.', field: 'projectId' }));
    if (t.problem || !t.startedAt || t.minutes === null)
      return setError(
        new ApiCallError({ code: 'invalid_input', message: t.problem?.message ?? 'Check the times.', field: t.problem?.field }),
      );
    const onError = (e: ApiCallError) => setError(e);
    if (!entry) {
      create.mutate(
        { projectId: draft.projectId, startedAt: t.startedAt, minutes: t.minutes, billable: draft.billable, note: draft.note },
        { onError },
      );
      return;
    }
    const changes = entryChanges(entry.id, original, draft, display.timeZone);
    if (Object.keys(changes).length === 1) return onDone();
    update.mutate(changes, { onError });
  };

  const invalid = (field: string) => error?.field === field || undefined;
  const archived = project && ARCHIVED_PROJECT_STATUSES.includes(project.status);

  return (
    <form onSubmit={submit} className="dialog-form" noValidate>
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
        {archived && (
          <p className="notice wide">
            This project is {project.status.replace('_', ' ')}: you can still correct this entry, but new hours go on an active project.
          </p>
        )}
        <Field label="Date">
          <DateField
            value={draft.day}
            onChange={(day) => set('day', day)}
            label="Date"
            invalid={invalid('startedAt')}
            latest={addDays(display.today(), 1)}
          />
        </Field>
        <Field label="Start">
          <TimeField value={draft.start} onChange={(v) => set('start', v)} label="Start time" invalid={invalid('startedAt')} />
        </Field>
        {draft.mode === 'end' ? (
          <Field label="End">
            <TimeField value={draft.end} onChange={(v) => set('end', v)} label="End time" invalid={invalid('endedAt')} />
          </Field>
        ) : (
          <Field label="Duration">
            <input
              className="input"
              value={draft.duration}
              onChange={(e) => set('duration', e.target.value)}
              placeholder="1:30"
              aria-label="Duration"
              aria-invalid={invalid('minutes')}
            />
          </Field>
        )}
        <div className="wide row entry-timing" aria-live="polite">
          <span data-testid="entry-duration">
            {t.minutes !== null && t.minutes > 0 ? `Duration ${formatMinutes(t.minutes)}` : 'Duration —'}
            {t.endsOn ? ` · ends the next day, ${display.dayShort(t.endsOn)}` : ''}
          </span>
          <span className="spacer" />
          <button type="button" className="btn btn-link" onClick={() => set('mode', draft.mode === 'end' ? 'duration' : 'end')}>
            {draft.mode === 'end' ? 'Enter a duration instead' : 'Enter an end time instead'}
          </button>
        </div>
        <Field label="Note" wide>
          <textarea
            className="input"
            rows={2}
            value={draft.note}
            onChange={(e) => set('note', e.target.value)}
            aria-invalid={invalid('note')}
            aria-label="Note"
            data-private
          />
        </Field>
        <label className="row wide">
          <input type="checkbox" checked={draft.billable} onChange={(e) => set('billable', e.target.checked)} /> Billable
        </label>
      </div>
      {project && <div className="muted">{describeRounding(project.roundingMode, project.roundingStep)}</div>}
      {error && (
        <div className="form-error" role="alert">
          <Scrubbed text={error.message} />
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
