// The business's own block on an invoice (Settings → Business): who issues it, with its ABN, at
// the top; how to pay it at the bottom. A tax invoice needs the supplier's name and ABN, so an
// unset block says so on screen (never on paper).
import { Link } from '@tanstack/react-router';
import { formatAbn, formatBsb, type Company } from '../../../../shared/features/workspace/company';
import { Private } from '../../ui/presentation/Private';

export function SupplierBlock({ company }: { company: Company }) {
  return (
    <div className="invoice-supplier" data-testid="invoice-supplier">
      {company.name ? (
        <div className="invoice-supplier-name">
          <Private text={company.name} />
        </div>
      ) : null}
      {company.abn ? (
        <div data-testid="invoice-abn">
          ABN <Private text={formatAbn(company.abn)} />
        </div>
      ) : null}
      {company.address
        ? company.address.split('\n').map((line, i) => (
            <div key={i} className="muted">
              <Private text={line} />
            </div>
          ))
        : null}
      {company.email ? (
        <div className="muted">
          <Private text={company.email} />
        </div>
      ) : null}
    </div>
  );
}

/** Shown on screen when the block lacks what a tax invoice must state. */
export function MissingCompanyNotice({ company }: { company: Company }) {
  const missing = [!company.name && 'name', !company.abn && 'ABN'].filter(Boolean);
  if (missing.length === 0) return null;
  return (
    <p className="notice no-print" data-testid="company-missing">
      A tax invoice states your business’s name and ABN; this one has no {missing.join(' or ')}. Set them in{' '}
      <Link to="/settings">Settings → Business</Link>.
    </p>
  );
}

export function PaymentBlock({ company, reference }: { company: Company; reference: string }) {
  const bank = company.bsb && company.accountNumber;
  if (!bank && !company.paymentNote) return null;
  return (
    <section className="invoice-payment" aria-label="How to pay" data-testid="invoice-payment">
      <h3>How to pay</h3>
      {bank ? (
        <dl className="job-facts">
          {company.accountName ? (
            <>
              <dt>Account name</dt>
              <dd>
                <Private text={company.accountName} />
              </dd>
            </>
          ) : null}
          <dt>BSB</dt>
          <dd className="num">
            <Private text={formatBsb(company.bsb)} />
          </dd>
          <dt>Account</dt>
          <dd className="num">
            <Private text={company.accountNumber} />
          </dd>
          <dt>Reference</dt>
          <dd className="num">{reference}</dd>
        </dl>
      ) : null}
      {company.paymentNote ? (
        <p>
          <Private text={company.paymentNote} />
        </p>
      ) : null}
    </section>
  );
}
