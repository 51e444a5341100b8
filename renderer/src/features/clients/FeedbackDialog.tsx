// Records one NPS survey answer for a client: the score (0–10), the project it is about (optional),
// the comment and the day the client answered (not in the future). Any consultant may.
import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { toast } from 'sonner';
import { DETRACTOR_MAX, PROMOTER_MIN } from '../../../../shared/features/feedback/types';
import type { ClientProjectRow } from '../../../../shared/features/clients/types';
import type { ApiCallError } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DateField } from '../../ui/DateField';
import { FormFailure, FormField } from '../../ui/FormField';
import { useNames } from '../../ui/Name';
import { useReturnFocus } from '../../ui/return-focus';

const kind = (score: number) => (score >= PROMOTER_MIN ? 'promoter' : score <= DETRACTOR_MAX ? 'detractor' : 'passive');

export function FeedbackDialog({
  clientId,
  clientName,
  projects,
  onClose,
}: {
  clientId: string;
  clientName: string;
  projects: ClientProjectRow[];
  onClose: () => void;
}) {
  const returnFocus = useReturnFocus();
  const display = useDisplay();
  const names = useNames();
  const today = display.today();
  const [score, setScore] = useState('');
  const [projectId, setProjectId] = useState('');
  const [comment, setComment] = useState('');
  const [day, setDay] = useState(today);
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  const add = useApiMutation('feedback.add', {
    toastErrors: false,
    onSuccess: (row) => {
      toast.success(`Recorded a score of ${row.score} from ${names('client', row.clientName)}.`);
      onClose();
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    add.mutate(
      { clientId, projectId: projectId || null, score: score === '' ? (null as never) : Number(score), comment, respondedOn: day },
      { onError: setFailure },
    );
  };
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          onCloseAutoFocus={returnFocus}
          className="dialog dialog-narrow"
          data-testid="feedback-dialog"
          aria-describedby="feedback-dialog-description"
        >
          <Dialog.Title>Add feedback</Dialog.Title>
          <p id="feedback-dialog-description" className="muted">
            {names('client', clientName)}’s answer to “How likely are you to recommend us?” (0–10).
          </p>
          <form className="dialog-form" onSubmit={submit} noValidate>
            <div className="form-pair">
              <FormField label="Score" name="score" failure={failure}>
                <select className="select" value={score} onChange={(e) => setScore(e.target.value)} autoFocus>
                  <option value="">Choose…</option>
                  {Array.from({ length: 11 }, (_, i) => 10 - i).map((s) => (
                    <option key={s} value={s}>
                      {s} ({kind(s)})
                    </option>
                  ))}
                </select>
              </FormField>
              <div className="field">
                <span>Answered on</span>
                <DateField value={day} label="Answered on" latest={today} onChange={setDay} />
              </div>
            </div>
            <FormField label="Project" name="projectId" failure={failure}>
              <select className="select" value={projectId} onChange={(e) => setProjectId(e.target.value)}>
                <option value="">Not about one project</option>
                {projects.map((p) => (
                  <option key={p.id} value={p.id}>
                    {names('project', p.name)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label="Comment" name="comment" failure={failure}>
              <textarea className="input" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} data-private />
            </FormField>
            <FormFailure failure={failure} fields={['score', 'projectId', 'comment']} />
            <div className="dialog-actions">
              <Dialog.Close asChild>
                <button type="button" className="btn">
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" className="btn btn-primary" disabled={add.isPending}>
                Add feedback
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
