// A won lead becomes a client's project: an existing client or a new one named after the lead's
// company; the project's budget and timeline start from its tier's package (shown), and may be
// changed. Admins only (the core refuses others, in words, and nothing changes).
import * as Dialog from '@radix-ui/react-dialog';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { toast } from 'sonner';
import { TIER_LABELS } from '../../../../shared/domain';
import { TIER_PACKAGES, type LeadSummary } from '../../../../shared/features/leads/types';
import { ApiCallError } from '../../api/errors';
import { useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DateField } from '../../ui/DateField';
import { FormFailure, FormField } from '../../ui/FormField';
import { Money } from '../../ui/Money';
import { Name, useNames } from '../../ui/Name';
import { clientsOf } from '../invoices/format';
import { centsToDollars, dollarsToCents } from './money-input';
import { useReturnFocus } from '../../ui/return-focus';

export function ConvertDialog({ lead, onClose }: { lead: LeadSummary; onClose: () => void }) {
  const returnFocus = useReturnFocus();
  const display = useDisplay();
  const names = useNames();
  const navigate = useNavigate();
  const pkg = TIER_PACKAGES[lead.tier];
  // The core's default: the estimate, held within the tier's budget range.
  const defaultBudget = Math.min(pkg.maxBudgetCents, Math.max(pkg.minBudgetCents, lead.estimatedValueCents));
  const projects = useApi('projects.list', { includeArchived: true });
  const clients = clientsOf(projects.data ?? []);
  const [clientId, setClientId] = useState('');
  const [industry, setIndustry] = useState('');
  const [region, setRegion] = useState('');
  const [projectName, setProjectName] = useState('');
  const [budget, setBudget] = useState(centsToDollars(defaultBudget));
  const [startOn, setStartOn] = useState(display.today());
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  const convert = useApiMutation('leads.convert', {
    toastErrors: false,
    onSuccess: (r) => {
      toast.success(
        `${names('project', r.projectName)} is a project for ${names('client', r.clientName)}${r.newClient ? ' (a new client)' : ''}.`,
      );
      onClose();
      void navigate({ to: '/clients/$clientId', params: { clientId: r.clientId }, search: {} });
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const cents = dollarsToCents(budget);
    if (cents === null || Number.isNaN(cents)) {
      setFailure(new ApiCallError({ code: 'invalid_input', field: 'budgetCents', message: 'Give the budget in dollars, e.g. 8000.' }));
      return;
    }
    convert.mutate(
      {
        id: lead.id,
        ...(clientId ? { clientId } : { industry, region }),
        ...(projectName.trim() ? { projectName } : {}),
        budgetCents: cents,
        startOn,
      },
      { onError: setFailure },
    );
  };
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          onCloseAutoFocus={returnFocus}
          className="dialog"
          data-testid="convert-dialog"
          aria-describedby="convert-description"
        >
          <Dialog.Title>
            Convert <Name kind="company" name={lead.company} /> into a project
          </Dialog.Title>
          <div id="convert-description" className="notice notice-info" data-testid="tier-package">
            {TIER_LABELS[lead.tier]}: budget <Money cents={pkg.minBudgetCents} style="whole" />–
            <Money cents={pkg.maxBudgetCents} style="whole" />, {pkg.minWeeks}–{pkg.maxWeeks} weeks. The project is due {pkg.maxWeeks} weeks
            after it starts.
          </div>
          <form className="dialog-form" onSubmit={submit} noValidate>
            <div className="form-grid">
              <FormField label="Client" name="clientId" failure={failure} wide>
                <select className="select" value={clientId} onChange={(e) => setClientId(e.target.value)} autoFocus>
                  <option value="">A new client: {names('company', lead.company)}</option>
                  {clients.map((c) => (
                    <option key={c.id} value={c.id}>
                      {names('client', c.name)}
                    </option>
                  ))}
                </select>
              </FormField>
              {!clientId && (
                <>
                  <FormField label="Industry" name="industry" failure={failure}>
                    <input className="input" value={industry} onChange={(e) => setIndustry(e.target.value)} />
                  </FormField>
                  <FormField label="Region" name="region" failure={failure}>
                    <input className="input" value={region} onChange={(e) => setRegion(e.target.value)} data-private />
                  </FormField>
                </>
              )}
              <FormField
                label="Project name"
                name="projectName"
                failure={failure}
                wide
                hint={`Empty: ${names('company', lead.company)} ${TIER_LABELS[lead.tier]}`}
              >
                <input className="input" value={projectName} onChange={(e) => setProjectName(e.target.value)} data-private />
              </FormField>
              <FormField label="Budget (AUD, ex GST)" name="budgetCents" failure={failure} hint="the estimate, within the tier’s range">
                <input className="input" inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} data-private />
              </FormField>
              <div className="field">
                <span>Starts on</span>
                <DateField value={startOn} label="Starts on" onChange={setStartOn} invalid={failure?.field === 'startOn'} />
              </div>
            </div>
            <FormFailure failure={failure} fields={['clientId', 'industry', 'region', 'projectName', 'budgetCents']} />
            <div className="dialog-actions">
              <Dialog.Close asChild>
                <button type="button" className="btn">
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" className="btn btn-primary" disabled={convert.isPending}>
                Create the project
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
