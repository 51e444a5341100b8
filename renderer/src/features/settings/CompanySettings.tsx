// Settings → Business: the block every invoice of this workspace shows (name, ABN, address, email,
// how to pay). The core checks it (the ABN against the ATO's checksum); a refusal is shown at its
// field and nothing is saved.
import { useState } from 'react';
import { COMPANY_LIMITS, formatAbn, formatBsb, type Company } from '../../../../shared/features/workspace/company';
import type { ApiCallError } from '../../api/errors';
import { useApi, useApiMutation } from '../../api/hooks';

const FIELDS: { key: keyof Company; label: string; wide?: boolean; multiline?: boolean; max?: number; placeholder?: string }[] = [
  { key: 'name', label: 'Business name', max: COMPANY_LIMITS.name, placeholder: 'Your Company Pty Ltd' },
  { key: 'abn', label: 'ABN', placeholder: '11 digits, e.g. 51 824 753 556' },
  { key: 'address', label: 'Address', wide: true, multiline: true, max: COMPANY_LIMITS.address },
  { key: 'email', label: 'Accounts email', max: COMPANY_LIMITS.email },
  { key: 'accountName', label: 'Account name', max: COMPANY_LIMITS.accountName },
  { key: 'bsb', label: 'BSB', placeholder: '064-000' },
  { key: 'accountNumber', label: 'Account number' },
  {
    key: 'paymentNote',
    label: 'Payment note',
    wide: true,
    multiline: true,
    max: COMPANY_LIMITS.paymentNote,
    placeholder: 'e.g. Please quote the invoice number.',
  },
];

export function CompanySettings() {
  const settings = useApi('settings.get');
  const workspace = useApi('workspace.info');
  if (!settings.data || !workspace.data) return null;
  return <CompanyForm key={workspace.data.path} saved={settings.data.company} />;
}

/** As the form shows a stored value: the ABN and BSB in their usual groups. */
function shown(company: Company): Company {
  return { ...company, abn: formatAbn(company.abn), bsb: formatBsb(company.bsb) };
}

function CompanyForm({ saved }: { saved: Company }) {
  const [fields, setFields] = useState<Company>(() => shown(saved));
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  const [done, setDone] = useState(false);
  const save = useApiMutation('settings.update', {
    toastErrors: false,
    onSuccess: (s) => {
      setFields(shown(s.company));
      setDone(true);
    },
  });
  const badField = failure?.field?.replace(/^company\./, '');
  return (
    <section className="card" data-testid="company-card" aria-labelledby="business-heading">
      <div className="card-head">
        <h2 id="business-heading">Business</h2>
        <span className="muted">On every invoice of this workspace: a tax invoice states your name and ABN.</span>
      </div>
      <form
        className="card-body company-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setFailure(null);
          setDone(false);
          save.mutate({ company: fields }, { onError: setFailure });
        }}
      >
        {FIELDS.map((f) => {
          const id = `company-${f.key}`;
          const invalid = badField === f.key;
          const props = {
            id,
            value: fields[f.key],
            maxLength: f.max,
            placeholder: f.placeholder,
            'aria-invalid': invalid || undefined,
            'aria-describedby': invalid ? 'company-error' : undefined,
            onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
              setFields((c) => ({ ...c, [f.key]: e.target.value }));
              setDone(false);
            },
          };
          return (
            <div key={f.key} className={f.wide ? 'field wide' : 'field'}>
              <label htmlFor={id}>{f.label}</label>
              {/* The business's details: dots, like a password, while presenting. */}
              {f.multiline ? (
                <textarea className="input" rows={2} data-private {...props} />
              ) : (
                <input className="input" data-private {...props} />
              )}
            </div>
          );
        })}
        <div className="wide row">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save business details'}
          </button>
          <button type="button" className="btn" onClick={() => setFields(shown(saved))} disabled={save.isPending}>
            Undo changes
          </button>
          {failure ? (
            <span id="company-error" className="error-text" role="alert">
              {failure.message}
            </span>
          ) : done ? (
            <span className="muted" role="status">
              Saved. Invoices show it now.
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
