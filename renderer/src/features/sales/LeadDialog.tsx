// A new lead, or a lead's facts changed: company, contact, source, tier, estimated value (dollars),
// probability, expected close and owner; a new lead also its stage. The core checks every field; its
// message shows on the field it is about and nothing is saved.
import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { toast } from 'sonner';
import { PROJECT_TIERS, TIER_LABELS, type ProjectTier } from '../../../../shared/domain';
import {
  LEAD_SOURCE_LABELS,
  LEAD_SOURCES,
  LEAD_STAGE_LABELS,
  OPEN_LEAD_STAGES,
  STAGE_PROBABILITY,
  type LeadSource,
  type LeadStage,
  type LeadSummary,
} from '../../../../shared/features/leads/types';
import { ApiCallError } from '../../api/errors';
import { useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DateField } from '../../ui/DateField';
import { FormFailure, FormField } from '../../ui/FormField';
import { useNames } from '../../ui/Name';
import { centsToDollars, dollarsToCents } from './money-input';
import { useReturnFocus } from '../../ui/return-focus';

const FIELDS = [
  'company',
  'contactName',
  'contactEmail',
  'source',
  'tier',
  'estimatedValueCents',
  'probability',
  'expectedCloseOn',
  'ownerId',
  'stage',
];

export function LeadDialog({ lead, onClose, onSaved }: { lead: LeadSummary | null; onClose: () => void; onSaved?: (id: string) => void }) {
  const returnFocus = useReturnFocus();
  const display = useDisplay();
  const names = useNames();
  const consultants = useApi('consultants.list');
  const workspace = useApi('workspace.info');
  const [company, setCompany] = useState(lead?.company ?? '');
  const [contactName, setContactName] = useState(lead?.contactName ?? '');
  const [contactEmail, setContactEmail] = useState(lead?.contactEmail ?? '');
  const [source, setSource] = useState<LeadSource>(lead?.source ?? 'referral');
  const [tier, setTier] = useState<ProjectTier>(lead?.tier ?? 'pipeline_mvp');
  const [value, setValue] = useState(lead ? centsToDollars(lead.estimatedValueCents) : '');
  const [stage, setStage] = useState<LeadStage>('discovery');
  const [probability, setProbability] = useState(lead ? String(lead.probability) : '');
  const [closeOn, setCloseOn] = useState<string | null>(lead?.expectedCloseOn ?? null);
  const [ownerId, setOwnerId] = useState(lead?.ownerId ?? '');
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  const owner = ownerId || workspace.data?.consultant?.id || '';

  const saved = (l: LeadSummary) => {
    toast.success(
      lead ? `${names('company', l.company)} is saved.` : `${names('company', l.company)} is a new lead in ${LEAD_STAGE_LABELS[l.stage]}.`,
    );
    onSaved?.(l.id);
    onClose();
  };
  const add = useApiMutation('leads.add', { toastErrors: false, onSuccess: saved });
  const update = useApiMutation('leads.update', { toastErrors: false, onSuccess: saved });
  const pending = add.isPending || update.isPending;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const cents = dollarsToCents(value);
    if (cents === null || Number.isNaN(cents)) {
      setFailure(
        new ApiCallError({
          code: 'invalid_input',
          field: 'estimatedValueCents',
          message:
            cents === null
              ? 'Give the estimated value in dollars, e.g. 12000.'
              : 'Write the value in dollars and cents, e.g. 12000 or 12,000.50.',
        }),
      );
      return;
    }
    const p = probability.trim() === '' ? undefined : Number(probability);
    const fields = {
      company,
      contactName,
      contactEmail,
      source,
      tier,
      estimatedValueCents: cents,
      expectedCloseOn: closeOn,
      ...(owner ? { ownerId: owner } : {}),
    };
    if (lead) update.mutate({ id: lead.id, ...fields, ...(p === undefined ? {} : { probability: p }) }, { onError: setFailure });
    else add.mutate({ ...fields, stage, ...(p === undefined ? {} : { probability: p }) }, { onError: setFailure });
  };

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          onCloseAutoFocus={returnFocus}
          className="dialog"
          data-testid="lead-dialog"
          aria-describedby="lead-dialog-description"
        >
          <Dialog.Title>{lead ? `Edit ${names('company', lead.company)}` : 'New lead'}</Dialog.Title>
          <p id="lead-dialog-description" className="muted">
            {lead
              ? 'Its facts; moving it to another stage is Move to… on its card.'
              : 'Saved on this laptop at once, and synced with the others.'}
          </p>
          <form className="dialog-form" onSubmit={submit} noValidate>
            <div className="form-grid">
              <FormField label="Company" name="company" failure={failure} wide>
                <input className="input" value={company} onChange={(e) => setCompany(e.target.value)} autoFocus data-private />
              </FormField>
              <FormField label="Contact" name="contactName" failure={failure}>
                <input className="input" value={contactName} onChange={(e) => setContactName(e.target.value)} data-private />
              </FormField>
              <FormField label="Contact email" name="contactEmail" failure={failure}>
                <input className="input" type="email" value={contactEmail} onChange={(e) => setContactEmail(e.target.value)} data-private />
              </FormField>
              <FormField label="Source" name="source" failure={failure}>
                <select className="select" value={source} onChange={(e) => setSource(e.target.value as LeadSource)}>
                  {LEAD_SOURCES.map((s) => (
                    <option key={s} value={s}>
                      {LEAD_SOURCE_LABELS[s]}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField label="Tier" name="tier" failure={failure}>
                <select className="select" value={tier} onChange={(e) => setTier(e.target.value as ProjectTier)}>
                  {PROJECT_TIERS.map((t) => (
                    <option key={t} value={t}>
                      {TIER_LABELS[t]}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField label="Estimated value (AUD, ex GST)" name="estimatedValueCents" failure={failure}>
                <input
                  className="input"
                  inputMode="decimal"
                  value={value}
                  onChange={(e) => setValue(e.target.value)}
                  placeholder="12000"
                  data-private
                />
              </FormField>
              <FormField
                label="Probability (%)"
                name="probability"
                failure={failure}
                hint={lead ? undefined : `Empty: the stage’s usual ${STAGE_PROBABILITY[stage]} %`}
              >
                <input className="input" inputMode="numeric" value={probability} onChange={(e) => setProbability(e.target.value)} />
              </FormField>
              {!lead && (
                <FormField label="Stage" name="stage" failure={failure}>
                  <select className="select" value={stage} onChange={(e) => setStage(e.target.value as LeadStage)}>
                    {OPEN_LEAD_STAGES.map((s) => (
                      <option key={s} value={s}>
                        {LEAD_STAGE_LABELS[s]}
                      </option>
                    ))}
                  </select>
                </FormField>
              )}
              <FormField label="Owner" name="ownerId" failure={failure}>
                <select className="select" value={owner} onChange={(e) => setOwnerId(e.target.value)}>
                  {(consultants.data ?? [])
                    .filter((c) => c.active || c.id === owner)
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {names('consultant', c.name)}
                      </option>
                    ))}
                </select>
              </FormField>
              <div className="field">
                <span>Expected close</span>
                <div className="row">
                  {closeOn ? (
                    <>
                      <DateField
                        value={closeOn}
                        label="Expected close"
                        onChange={setCloseOn}
                        invalid={failure?.field === 'expectedCloseOn'}
                      />
                      <button type="button" className="btn-link" onClick={() => setCloseOn(null)}>
                        No date
                      </button>
                    </>
                  ) : (
                    <button type="button" className="btn" onClick={() => setCloseOn(display.today())}>
                      Set a day
                    </button>
                  )}
                </div>
              </div>
            </div>
            <FormFailure failure={failure} fields={FIELDS} />
            <div className="dialog-actions">
              <Dialog.Close asChild>
                <button type="button" className="btn">
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" className="btn btn-primary" disabled={pending}>
                {lead ? 'Save' : 'Add lead'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
