// `?`: every keyboard shortcut the app answers to, in one list (keep it in step with the handlers:
// palette/Palette.tsx, hours/commands.tsx, ui/presentation/provider.tsx, electron/main/menu.ts).
import * as Dialog from '@radix-ui/react-dialog';
import { MOD } from './keys';

interface Shortcut {
  keys: string[];
  what: string;
  /** Only in the desktop app (its menu). */
  desktop?: boolean;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: [MOD, 'K'], what: 'Open the command palette: go to a screen, project, client, invoice, pipeline or job; run an action' },
  { keys: ['?'], what: 'Show these shortcuts' },
  { keys: [MOD, '⇧', 'P'], what: 'Presentation mode on or off: pseudonyms for names, masks for money' },
  { keys: ['T'], what: 'Start or stop the timer (with no project chosen, shows the picker)' },
  { keys: ['N'], what: 'New time entry' },
  { keys: ['Esc'], what: 'Close a dialog or the palette; focus goes back where it was' },
  { keys: ['↑', '↓', 'Enter'], what: 'In the palette: move and pick' },
  { keys: [MOD, '⇧', 'T'], what: 'Start or stop the timer', desktop: true },
  { keys: [MOD, 'N'], what: 'New time entry', desktop: true },
  { keys: [MOD, '1'], what: 'Go to Hours', desktop: true },
  { keys: [MOD, '+ / −'], what: 'Zoom in or out', desktop: true },
];

export function ShortcutsDialog({
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus: (event: Event) => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog shortcuts-dialog" aria-describedby="shortcuts-description" onCloseAutoFocus={onCloseAutoFocus}>
          <Dialog.Title>Keyboard shortcuts</Dialog.Title>
          <p id="shortcuts-description" className="muted">
            Single keys work when the cursor is not in a text field.
          </p>
          <table className="table shortcuts-table" aria-label="Keyboard shortcuts">
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">What it does</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.keys.join('+') + s.what} data-testid="shortcut-row">
                  <td className="shortcut-keys">
                    {s.keys.map((k) => (
                      <kbd key={k}>{k}</kbd>
                    ))}
                  </td>
                  <td>
                    {s.what}
                    {s.desktop && <span className="muted"> (desktop app)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dialog-actions">
            <Dialog.Close className="btn" type="button">
              Close
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
