// The trigger dialog: a form generated from the pipeline's parameter schema, checked as you type
// (params-form.ts; the core checks again with ajv), then a confirmation, then the job id at once.
import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PipelineView, Triggered } from '../../../../shared/features/pipelines/types';
import type { ApiCallError } from '../../api/errors';
import { useApi, useApiMutation } from '../../api/hooks';
import { ProjectSelect } from '../hours/ProjectSelect';
import { formatMs } from './format';
import {
  describeParams,
  fieldOfError,
  fieldsFromSchema,
  initialValues,
  toParams,
  validate,
  type FormErrors,
  type FormValue,
  type FormValues,
  type ParamField,
} from './params-form';
import { Private, Scrubbed } from '../../ui/presentation/Private';
import { Name } from '../../ui/Name';

interface Props {
  pipeline: PipelineView;
  onClose: () => void;
  onTriggered: (t: Triggered) => void;
}

export function TriggerDialog({ pipeline, onClose, onTriggered }: Props) {
  const fields = useMemo(() => fieldsFromSchema(pipeline.paramsSchema), [pipeline.paramsSchema]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [projectId, setProjectId] = useState('');
  // Optional: a project to file the job under. Its list failing only hides the choice.
  const projects = useApi('projects.list', undefined, { errors: 'inline' });
  const project = projects.data?.find((p) => p.id === projectId);
  const formRef = useRef<HTMLFormElement>(null);
  // The field to focus once the form is on screen (the first in error, or the one the core refused).
  const pendingFocus = useRef<string | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const setFocusField = (name: string | null) => {
    pendingFocus.current = name;
    setFocusTick((n) => n + 1);
  };
  useEffect(() => {
    if (step !== 'form' || !pendingFocus.current) return;
    formRef.current?.querySelector<HTMLElement>(`[data-field="${pendingFocus.current}"]`)?.focus();
    pendingFocus.current = null;
  }, [step, focusTick]);
  const errors = validate(fields, values);
  const shown: FormErrors = { ...serverErrors };
  for (const name of Object.keys(errors)) if (touched.has(name)) shown[name] = errors[name]!;

  const trigger = useApiMutation('pipelines.trigger', {
    toastErrors: false,
    onSuccess: onTriggered,
  });

  const change = (name: string, value: FormValue) => {
    setValues((v) => ({ ...v, [name]: value }));
    setTouched((t) => new Set(t).add(name));
    setServerErrors(({ [name]: _, ...rest }) => rest);
    setFailure(null);
  };

  const next = (e: React.FormEvent) => {
    e.preventDefault();
    if (Object.keys(errors).length > 0) {
      setTouched(new Set(fields.map((f) => f.name)));
      setFocusField(fields.find((f) => errors[f.name])?.name ?? null);
      return;
    }
    setStep('confirm');
  };

  const run = () => {
    setFailure(null);
    trigger.mutate(
      { pipelineId: pipeline.id, params: toParams(fields, values), projectId: projectId || null },
      {
        onError: (error) => {
          const field = fieldOfError(fields, error.field);
          if (field) {
            setServerErrors({ [field]: error.message });
            setStep('form');
            setFocusField(field);
          } else setFailure(error);
        },
      },
    );
  };

  const params = toParams(fields, values);
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby="trigger-description">
          <Dialog.Title>Run {pipeline.name}</Dialog.Title>
          {step === 'form' ? (
            <form ref={formRef} className="dialog-form" onSubmit={next} noValidate>
              <p id="trigger-description" className="muted">
                {pipeline.description}
              </p>
              {fields.length === 0 && <p className="muted">This pipeline takes no parameters.</p>}
              <div className="params-grid">
                {fields.map((f) => (
                  <ParamInput key={f.name} field={f} value={values[f.name]} error={shown[f.name]} onChange={(v) => change(f.name, v)} />
                ))}
              </div>
              {projects.data && projects.data.length > 0 && (
                <div className="field param-field">
                  <label htmlFor="trigger-project">Project (optional)</label>
                  <ProjectSelect
                    id="trigger-project"
                    projects={projects.data}
                    value={projectId}
                    onChange={setProjectId}
                    placeholder="No project"
                  />
                </div>
              )}
              {failure && (
                <div className="form-error" role="alert">
                  <Scrubbed text={failure.message} />
                </div>
              )}
              <div className="dialog-actions">
                <Dialog.Close className="btn" type="button">
                  Cancel
                </Dialog.Close>
                <button type="submit" className="btn btn-primary">
                  Review and run…
                </button>
              </div>
            </form>
          ) : (
            <div className="dialog-form">
              <p id="trigger-description" data-testid="trigger-confirm">
                Run {pipeline.name} with <Private text={describeParams(fields, params) || 'no parameters'} />
                {project ? (
                  <>
                    {' '}
                    for <Name kind="project" name={project.name} />
                  </>
                ) : (
                  ''
                )}
                ?
              </p>
              <p className="muted">
                The job gets its id at once; it is sent when the pipeline API can be reached (within{' '}
                {formatMs(pipeline.expiresAfterMinutes * 60_000)}, or it expires and asks to be re-run).
              </p>
              {failure && (
                <div className="form-error" role="alert">
                  <Scrubbed text={failure.message} />
                </div>
              )}
              <div className="dialog-actions">
                <button type="button" className="btn" onClick={() => setStep('form')} disabled={trigger.isPending}>
                  Back
                </button>
                <button type="button" className="btn btn-primary" onClick={run} disabled={trigger.isPending} autoFocus>
                  {trigger.isPending ? 'Requesting…' : `Run ${pipeline.name}`}
                </button>
              </div>
            </div>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function ParamInput({
  field: f,
  value,
  error,
  onChange,
}: {
  field: ParamField;
  value: FormValue | undefined;
  error: string | undefined;
  onChange: (value: FormValue) => void;
}) {
  const id = `param-${f.name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hint =
    f.kind === 'list'
      ? [f.description, 'Separate them with commas.'].filter(Boolean).join(' ')
      : f.kind === 'number' && (f.minimum !== null || f.maximum !== null)
        ? [f.description, `${f.minimum ?? '…'} to ${f.maximum ?? '…'}.`].filter(Boolean).join(', ')
        : f.description;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'data-field': f.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': f.required || undefined,
  } as const;
  const label = `${f.label}${f.required ? ' (required)' : ''}`;
  const messages = (
    <>
      {hint && (
        <div id={hintId} className="field-hint muted">
          {hint}
        </div>
      )}
      {error && (
        <div id={errorId} className="error-text" data-testid="field-error">
          {error}
        </div>
      )}
    </>
  );

  if (f.kind === 'checkbox')
    return (
      <div className="field param-field">
        <label className="row" htmlFor={id}>
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <span>{label}</span>
        </label>
        {messages}
      </div>
    );

  if (f.kind === 'checkboxes') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field param-field wide" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend>{label}</legend>
        <div className="row">
          {f.options.map((option, i) => (
            <label key={option} className="row">
              <input
                type="checkbox"
                data-field={i === 0 ? f.name : undefined}
                checked={chosen.includes(option)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))}
              />
              <span>{option}</span>
            </label>
          ))}
        </div>
        {messages}
      </fieldset>
    );
  }

  const text = typeof value === 'string' ? value : '';
  return (
    <div className={f.kind === 'list' ? 'field param-field wide' : 'field param-field'}>
      <label htmlFor={id}>{label}</label>
      {f.kind === 'select' ? (
        <select className="select" {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          {(!f.required || text === '') && <option value="">{f.required ? 'Choose…' : '(default)'}</option>}
          {f.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          className="input"
          {...common}
          type={f.kind === 'number' ? 'number' : 'text'}
          min={f.kind === 'number' ? (f.minimum ?? undefined) : undefined}
          max={f.kind === 'number' ? (f.maximum ?? undefined) : undefined}
          step={f.kind === 'number' ? (f.integer ? 1 : 'any') : undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          data-private
        />
      )}
      {messages}
    </div>
  );
}
