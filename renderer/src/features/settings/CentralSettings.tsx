import { useState } from 'react';
import { defaultSslMode } from '../../../../shared/central';
import type { CentralSettings as Central } from '../../../../shared/domain';
import { useApi, useApiMutation } from '../../api/hooks';
import { Field } from '../../ui/Field';
import { usePresentation } from '../../ui/presentation/context';
import { MASK } from '../../ui/presentation/pseudonyms';
import { SealedNotice } from './WorkspaceSwitch';

const SSL_MODES = ['require', 'verify-full', 'prefer', 'disable'] as const;

interface Fields {
  host: string;
  port: string;
  database: string;
  user: string;
  sslmode: string;
}

function fieldsOf(url: string | null): Fields {
  const empty = { host: '', port: '5432', database: 'ops', user: '', sslmode: defaultSslMode('') };
  if (!url) return empty;
  try {
    const u = new URL(url);
    return {
      host: u.hostname,
      port: u.port || '5432',
      database: u.pathname.replace(/^\//, ''),
      user: decodeURIComponent(u.username),
      sslmode: u.searchParams.get('sslmode') ?? 'prefer',
    };
  } catch {
    return empty;
  }
}

function urlOf(f: Fields): string {
  const user = f.user ? `${encodeURIComponent(f.user)}@` : '';
  return `postgres://${user}${f.host}:${f.port || '5432'}/${encodeURIComponent(f.database)}?sslmode=${f.sslmode}`;
}

/** Settings → Central: where the central PostgreSQL is and how to log in. The password is write-only. */
export function CentralSettings() {
  const central = useApi('central.get');
  const workspace = useApi('workspace.info');
  if (!central.data || !workspace.data) return null;
  if (workspace.data.sealed) {
    return (
      <section className="card" data-testid="central-card">
        <div className="card-head">
          <h2>Central database</h2>
          <span className="muted">Not in the demo workspace.</span>
        </div>
        <div className="card-body">
          <SealedNotice />
        </div>
      </section>
    );
  }
  // One form per workspace; saving keeps it (and its message) on screen.
  return <CentralForm key={workspace.data.path} saved={central.data} />;
}

function CentralForm({ saved }: { saved: Central }) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(saved.url));
  const presentation = usePresentation();
  // The host (and the login) can name the company: masked in the test's message while presenting.
  const shown = (message: string) =>
    presentation.on
      ? [fields.host, fields.user].filter(Boolean).reduce((m, s) => m.split(s).join(MASK), presentation.scrub(message))
      : message;
  // Until the user picks an SSL mode, it follows the host: none for this computer, required elsewhere.
  const [sslChosen, setSslChosen] = useState(!!saved.url);
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const test = useApiMutation('central.test', { onSuccess: setResult });
  const save = useApiMutation('central.update', {
    onSuccess: (value) =>
      setResult(
        value.url
          ? { ok: true, message: 'Saved. Sync starts on its own.' }
          : { ok: true, message: 'Disconnected. Nothing syncs until you connect again.' },
      ),
  });
  const set = (key: keyof Fields, value: string) =>
    setFields((f) => ({ ...f, [key]: value, ...(key === 'host' && !sslChosen ? { sslmode: defaultSslMode(value) } : {}) }));
  const complete = fields.host && fields.database && fields.user;
  const port = Number(fields.port || '5432');
  const portOk = /^\d{1,5}$/.test(fields.port || '5432') && port >= 1 && port <= 65535;
  const portProblem = { ok: false, message: 'The port must be a whole number from 1 to 65535 (PostgreSQL’s is usually 5432).' };
  const input = { url: urlOf(fields), ...(password ? { password } : {}) };

  return (
    <section className="card" data-testid="central-card">
      <div className="card-head">
        <h2>Central database</h2>
        <span className="muted">The PostgreSQL this workspace syncs with.</span>
      </div>
      <form
        className="card-body"
        style={{ display: 'grid', gap: 'var(--space-3)' }}
        onSubmit={(e) => {
          e.preventDefault();
          setResult(null);
          if (!portOk) return setResult(portProblem);
          save.mutate(input);
        }}
      >
        <div className="dialog-grid">
          <Field label="Host">
            <input
              className="input"
              value={fields.host}
              onChange={(e) => set('host', e.target.value)}
              placeholder="db.example.com"
              aria-label="Host"
              data-private
            />
          </Field>
          <Field label="Port">
            <input
              className="input"
              value={fields.port}
              onChange={(e) => set('port', e.target.value)}
              inputMode="numeric"
              aria-label="Port"
              aria-invalid={!portOk || undefined}
            />
          </Field>
          <Field label="Database">
            <input
              className="input"
              value={fields.database}
              onChange={(e) => set('database', e.target.value)}
              aria-label="Database"
              data-private
            />
          </Field>
          <Field label="User">
            <input
              className="input"
              value={fields.user}
              data-private
              onChange={(e) => set('user', e.target.value)}
              autoComplete="username"
              aria-label="User"
            />
          </Field>
          <Field label="Password">
            <input
              className="input"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              placeholder={saved.passwordStored ? 'Stored (type to replace)' : ''}
              autoComplete="current-password"
              aria-label="Password"
            />
          </Field>
          <Field label="SSL mode">
            <select
              className="select"
              value={fields.sslmode}
              onChange={(e) => {
                setSslChosen(true);
                set('sslmode', e.target.value);
              }}
              aria-label="SSL mode"
            >
              {SSL_MODES.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </Field>
        </div>
        {saved.secretStorage === 'plaintext' && (
          <div className="notice">This system has no keyring: the password is stored unencrypted in the app’s data folder.</div>
        )}
        {saved.secretStorage === 'memory' && (
          <div className="notice">This session keeps the password in memory only; it is asked for again next time.</div>
        )}
        {result && (
          <div className={result.ok ? 'form-ok' : 'form-error'} role="status" data-testid="central-result">
            {shown(result.message)}
          </div>
        )}
        <div className="row">
          <button
            type="button"
            className="btn"
            disabled={!complete || test.isPending}
            onClick={() => (portOk ? test.mutate(input) : setResult(portProblem))}
          >
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!complete || save.isPending}>
            Save
          </button>
          {saved.url && (
            <button type="button" className="btn btn-danger" onClick={() => save.mutate({ url: null })}>
              Disconnect
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
