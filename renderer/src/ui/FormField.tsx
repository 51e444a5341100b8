// A labelled control whose message from the core (an ApiCallError naming this field) shows under it,
// marks it invalid and is read with it. One way for every sales form to show "what to do".
import { cloneElement, useId, type ReactElement } from 'react';
import type { ApiCallError } from '../api/errors';

interface Props {
  label: string;
  /** The input's name in the channel's schema ("company", "estimatedValueCents"). */
  name: string;
  failure: ApiCallError | null;
  hint?: string;
  wide?: boolean;
  children: ReactElement<Record<string, unknown>>;
}

/** The field a failure is about: its first path part ("params.x" → "params"). */
export const failedField = (failure: ApiCallError | null): string | null => failure?.field?.split('.')[0] ?? null;

export function FormField({ label, name, failure, hint, wide, children }: Props) {
  const id = useId();
  const error = failedField(failure) === name ? failure!.message : null;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={wide ? 'field wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described, 'data-field': name })}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="error-text" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** A failure not about one of the form's fields: shown above its buttons. */
export function FormFailure({ failure, fields }: { failure: ApiCallError | null; fields: readonly string[] }) {
  const field = failedField(failure);
  if (!failure || (field && fields.includes(field))) return null;
  return (
    <div className="form-error" role="alert" data-testid="form-error">
      {failure.message}
    </div>
  );
}
