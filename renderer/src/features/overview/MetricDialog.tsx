// Admins' custom metrics: define or change one (name, unit, target, which way is better), and
// record a value on a day. The core refuses both for a consultant; these controls only show for
// admins (Scorecard.canEditMetrics).
import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { toast } from 'sonner';
import type { CustomMetric, MetricDirection } from '../../../../shared/features/kpis/types';
import type { ApiCallError } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DateField } from '../../ui/DateField';
import { FormFailure, FormField } from '../../ui/FormField';
import { isPresenting } from '../../ui/presentation';
import { useReturnFocus } from '../../ui/return-focus';

/** "12.5" → 12.5; "" or not a number → NaN, which the core refuses with its own words. */
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')));

export function MetricDialog({ metric, onClose }: { metric: CustomMetric | null; onClose: () => void }) {
  const returnFocus = useReturnFocus();
  const [name, setName] = useState(metric?.name ?? '');
  const [unit, setUnit] = useState(metric?.unit ?? '');
  const [target, setTarget] = useState(metric ? String(metric.target) : '');
  const [direction, setDirection] = useState<MetricDirection>(metric?.direction ?? 'higher');
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  const define = useApiMutation('metrics.define', {
    toastErrors: false,
    onSuccess: (m) => {
      toast.success(`${m.name} is saved.`);
      onClose();
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    // NaN is not JSON: send null so the core answers "Give the target as a number."
    const t = toNumber(target);
    define.mutate({ id: metric?.id, name, unit, target: Number.isNaN(t) ? (null as never) : t, direction }, { onError: setFailure });
  };
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          onCloseAutoFocus={returnFocus}
          className="dialog dialog-narrow"
          data-testid="metric-dialog"
          aria-describedby="metric-dialog-description"
        >
          <Dialog.Title>{metric ? `Edit ${metric.name}` : 'New metric'}</Dialog.Title>
          <p id="metric-dialog-description" className="muted">
            A figure the data cannot compute, recorded by hand. Built-in figures are never typed in.
          </p>
          <form className="dialog-form" onSubmit={submit} noValidate>
            <FormField label="Name" name="name" failure={failure}>
              <input className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            </FormField>
            <div className="form-pair">
              <FormField label="Unit" name="unit" failure={failure} hint="%, h, AUD… (optional)">
                <input className="input" value={unit} onChange={(e) => setUnit(e.target.value)} />
              </FormField>
              <FormField label="Target" name="target" failure={failure}>
                <input className="input" inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} data-private />
              </FormField>
            </div>
            <FormField label="Which way is better" name="direction" failure={failure}>
              <select className="select" value={direction} onChange={(e) => setDirection(e.target.value as MetricDirection)}>
                <option value="higher">Higher is better</option>
                <option value="lower">Lower is better</option>
              </select>
            </FormField>
            <FormFailure failure={failure} fields={['name', 'unit', 'target', 'direction']} />
            <div className="dialog-actions">
              <Dialog.Close asChild>
                <button type="button" className="btn">
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" className="btn btn-primary" disabled={define.isPending}>
                {define.isPending ? 'Saving…' : 'Save metric'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function RecordValueForm({ metric, onDone }: { metric: CustomMetric; onDone: () => void }) {
  const display = useDisplay();
  const today = display.today();
  const [day, setDay] = useState(today);
  const [value, setValue] = useState('');
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  const record = useApiMutation('metrics.record', {
    toastErrors: false,
    onSuccess: () => {
      // The figure itself is left out while presenting (a metric may be money).
      toast.success(
        isPresenting()
          ? `Recorded ${metric.name} for ${display.dayMedium(day)}.`
          : `Recorded ${value}${metric.unit ? ` ${metric.unit}` : ''} for ${display.dayMedium(day)}.`,
      );
      onDone();
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const v = toNumber(value);
    record.mutate({ metricId: metric.id, recordedOn: day, value: Number.isNaN(v) ? (null as never) : v }, { onError: setFailure });
  };
  return (
    <form className="record-form card-body" onSubmit={submit} noValidate data-testid="record-value">
      <div className="field">
        <span>Day</span>
        <DateField value={day} label="Day recorded" latest={today} onChange={setDay} />
      </div>
      <FormField label={`Value${metric.unit ? ` (${metric.unit})` : ''}`} name="value" failure={failure}>
        <input className="input" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} autoFocus data-private />
      </FormField>
      <FormFailure failure={failure} fields={['value']} />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={record.isPending}>
          Record
        </button>
      </div>
    </form>
  );
}
