// The command palette (Ctrl/⌘K) and the shortcuts dialog (?), mounted once in the shell. Lists are
// read through the same channels as the screens, only while the palette is open; every name goes
// through useNames so presentation mode masks what is shown and what is searched alike.
import * as Dialog from '@radix-ui/react-dialog';
import { useNavigate } from '@tanstack/react-router';
import { Command } from 'cmdk';
import { useEffect, useMemo, useState } from 'react';
import { subscribe } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { rememberedSearch } from '../../app/last-search';
import { NAV } from '../../app/nav';
import { useNames } from '../../ui/Name';
import { usePresentation } from '../../ui/presentation';
import { useHoursCommands } from '../hours/commands';
import { useRefreshDemo } from '../settings/refresh-demo';
import { shortId } from '../pipelines/format';
import { isHelpKey, isPaletteKey, MOD } from './keys';
import { rank, type PaletteItem } from './rank';
import { readRecent, rememberPick } from './recent';
import { useReturnFocus } from './return-focus';
import { ShortcutsDialog } from './ShortcutsDialog';
import './palette.css';

const GROUPS = ['Actions', 'Screens', 'Projects', 'Clients', 'Invoices', 'Pipelines', 'Jobs', 'Start the timer on'];
const JOBS_SHOWN = 100;
const INVOICES_SHOWN = 500;

export function Palette() {
  const [open, setOpen] = useState(false);
  const [help, setHelp] = useState(false);
  const { remember, onCloseAutoFocus } = useReturnFocus();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isPaletteKey(event)) {
        event.preventDefault();
        remember();
        setHelp(false);
        setOpen((o) => !o);
      } else if (isHelpKey(event)) {
        event.preventDefault();
        remember();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    // The desktop app's View → Command Palette….
    const off = subscribe('app.command', ({ command }) => {
      if (command !== 'command-palette') return;
      remember();
      setHelp(false);
      setOpen(true);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [remember]);

  return (
    <>
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog palette" aria-describedby={undefined} onCloseAutoFocus={onCloseAutoFocus}>
            <Dialog.Title className="sr-only">Command palette</Dialog.Title>
            {open && <PaletteBody close={() => setOpen(false)} showHelp={() => setHelp(true)} />}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <ShortcutsDialog open={help} onOpenChange={setHelp} onCloseAutoFocus={onCloseAutoFocus} />
    </>
  );
}

function PaletteBody({ close, showHelp }: { close: () => void; showHelp: () => void }) {
  const [query, setQuery] = useState('');
  const [recent, setRecent] = useState(readRecent);
  const items = usePaletteItems(showHelp);
  const shown = useMemo(() => rank(items, query, recent), [items, query, recent]);
  const recentKeys = new Set(recent);
  const groups = [
    ['Recent', shown.filter((i) => recentKeys.has(i.key))] as const,
    // Typing: the group holding the best match comes first, so Enter picks it.
    ...(query.trim() ? [...new Set(shown.map((i) => i.group))] : GROUPS).map(
      (g) => [g, shown.filter((i) => i.group === g && !recentKeys.has(i.key))] as const,
    ),
  ].filter(([, list]) => list.length > 0);

  const pick = (item: PaletteItem) => {
    setRecent(rememberPick(item.key));
    close();
    item.run();
  };

  return (
    <Command shouldFilter={false} label="Search screens, records and actions" loop>
      <Command.Input
        className="palette-input"
        value={query}
        onValueChange={setQuery}
        placeholder="Go to a screen, project, client, invoice, job… or run an action"
      />
      <Command.List className="palette-list">
        <Command.Empty className="palette-empty">Nothing matches: try fewer letters.</Command.Empty>
        {groups.map(([group, list]) => (
          <Command.Group key={group} heading={group} className="palette-group">
            {list.map((item) => (
              <Command.Item key={item.key} value={item.key} onSelect={() => pick(item)} className="palette-item" data-testid="palette-item">
                <span className="palette-label">{item.label}</span>
                {item.hint && <span className="palette-hint">{item.hint}</span>}
                {group === 'Recent' && <span className="palette-hint">{item.group}</span>}
              </Command.Item>
            ))}
          </Command.Group>
        ))}
      </Command.List>
      <div className="palette-foot muted" aria-hidden>
        ↑↓ to move · Enter to pick · Esc to close · ? for all shortcuts
      </div>
    </Command>
  );
}

function usePaletteItems(showHelp: () => void): PaletteItem[] {
  const navigate = useNavigate();
  const names = useNames();
  const presentation = usePresentation();
  const display = useDisplay();
  const hours = useHoursCommands();
  const today = display.today();
  const inline = { errors: 'inline' } as const;
  const projects = useApi('projects.list', { includeArchived: true }, inline);
  const clients = useApi('clients.list', { from: today, to: today }, inline);
  const invoices = useApi('invoices.list', { limit: INVOICES_SHOWN }, inline);
  const pipelines = useApi('pipelines.list', undefined, inline);
  const jobs = useApi('jobs.list', { limit: JOBS_SHOWN }, inline);
  const updateSettings = useApiMutation('settings.update');
  const syncNow = useApiMutation('sync.now');
  const startTimer = useApiMutation('timer.start');
  const workspace = useApi('workspace.info', undefined, inline);
  const refreshDemo = useRefreshDemo();

  return useMemo(() => {
    const go = (to: string, params?: Record<string, string>, search?: Record<string, unknown>) =>
      void navigate({ to: to as never, params: params as never, search: (search ?? rememberedSearch(to)) as never });
    const dark = document.documentElement.dataset.theme === 'dark';
    const out: PaletteItem[] = [
      { key: 'action:new-entry', group: 'Actions', label: 'New time entry', hint: 'N', run: () => hours.newEntry() },
      {
        key: 'action:toggle-timer',
        group: 'Actions',
        label: 'Start or stop the timer',
        hint: 'T',
        run: () => hours.toggleTimer(),
      },
      { key: 'action:new-invoice', group: 'Actions', label: 'Create an invoice', run: () => go('/invoices', undefined, { new: 'yes' }) },
      {
        key: 'action:theme',
        group: 'Actions',
        label: dark ? 'Switch to the light theme' : 'Switch to the dark theme',
        hint: 'Toggle theme',
        run: () => updateSettings.mutate({ theme: dark ? 'light' : 'dark' }),
      },
      {
        key: 'action:presentation',
        group: 'Actions',
        label: presentation.on ? 'Turn presentation mode off' : 'Turn presentation mode on',
        hint: `Toggle presentation mode · ${MOD}⇧P`,
        run: presentation.toggle,
      },
      { key: 'action:sync', group: 'Actions', label: 'Sync now', run: () => syncNow.mutate(undefined) },
      { key: 'action:shortcuts', group: 'Actions', label: 'Show keyboard shortcuts', hint: '?', run: showHelp },
    ];
    if (workspace.data && workspace.data.kind !== 'file') {
      out.push({
        key: 'action:refresh-demo',
        group: 'Actions',
        label: 'Refresh the demo',
        hint: 'History up to yesterday',
        run: () => void refreshDemo.refresh(),
      });
    }
    for (const n of NAV) out.push({ key: `screen:${n.to}`, group: 'Screens', label: n.label, hint: 'Go to', run: () => go(n.to) });
    out.push({
      key: 'screen:/pipelines/dashboard',
      group: 'Screens',
      label: 'Pipelines dashboard',
      hint: 'Go to',
      run: () => go('/pipelines/dashboard'),
    });
    // Open projects before archived ones where the match is as good.
    const byOpen = [...(projects.data ?? [])].sort((a, b) => Number(a.archived) - Number(b.archived));
    for (const p of byOpen) {
      const label = names('project', p.name);
      out.push({
        key: `project:${p.id}`,
        group: 'Projects',
        label,
        hint: `${names('client', p.clientName)}${p.archived ? ' · archived' : ''}`,
        run: () => go('/projects/$projectId', { projectId: p.id }, {}),
      });
      if (!p.archived)
        out.push({
          key: `timer:${p.id}`,
          group: 'Start the timer on',
          label: `Start the timer on ${label}`,
          run: () => {
            hours.setTimerProject(p.id);
            startTimer.mutate({ projectId: p.id, note: '' });
          },
        });
    }
    for (const c of clients.data?.clients ?? [])
      out.push({
        key: `client:${c.id}`,
        group: 'Clients',
        label: names('client', c.name),
        hint: c.status,
        run: () => go('/clients/$clientId', { clientId: c.id }, {}),
      });
    for (const i of invoices.data ?? [])
      out.push({
        key: `invoice:${i.id}`,
        group: 'Invoices',
        label: `Invoice ${i.number} · ${names('client', i.clientName)}`,
        hint: i.status,
        run: () => go('/invoices/$invoiceId', { invoiceId: i.id }, {}),
      });
    for (const p of pipelines.data ?? []) {
      out.push({
        key: `pipeline:${p.id}`,
        group: 'Pipelines',
        label: `Run ${p.name}`,
        hint: 'Trigger form',
        run: () => go('/pipelines', undefined, { run: p.slug }),
      });
    }
    for (const j of jobs.data ?? [])
      out.push({
        key: `job:${j.id}`,
        group: 'Jobs',
        label: `Job ${shortId(j.id)} · ${j.pipelineName}${j.projectName ? ` · ${names('project', j.projectName)}` : ''}`,
        hint: j.status,
        run: () => go('/pipelines/jobs/$jobId', { jobId: j.id }, {}),
      });
    return out;
  }, [
    navigate,
    names,
    presentation,
    hours,
    projects.data,
    clients.data,
    invoices.data,
    pipelines.data,
    jobs.data,
    updateSettings,
    syncNow,
    startTimer,
    showHelp,
    workspace.data,
    refreshDemo,
  ]);
}
