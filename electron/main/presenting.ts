// Presentation mode in the desktop shell (docs/presentation.md): when to turn it on by itself, and
// what the window title and the tray may say while it is on. Pure decisions plus a small tracker of
// the setting; no Electron here, so all of it is unit-tested.
import type { Result } from '../../shared/contract';
import type { RunningTimer, Settings } from '../../shared/domain';
import { formatElapsed } from '../../shared/time';

/** What the app says when it turned the mode on because a display was connected. */
export const SECOND_DISPLAY_NOTICE = 'Presentation mode turned on: a second display was connected';
/** The window's title while presenting: the page's own title is never passed through. */
export const PRESENTING_TITLE = 'Ops Console · Presenting';

/**
 * Whether to turn presentation mode on now: more than one display, more than there were before
 * (at start: before = 1), the automatic switch allowed, and not on already.
 */
export function shouldPresentForDisplays(state: { displays: number; before: number; allowed: boolean; presenting: boolean }): boolean {
  return state.allowed && !state.presenting && state.displays > 1 && state.displays > state.before;
}

/** The title the window shows: the page's (a screen's name) or, while presenting, a fixed one. */
export function windowTitle(pageTitle: string, presenting: boolean): string {
  return presenting ? PRESENTING_TITLE : pageTitle;
}

/** The tray's line about the timer: elapsed time and project, or (presenting) no project name. */
export function trayLabel(timer: RunningTimer | null, now: number, presenting: boolean): string {
  if (!timer) return 'No timer running';
  const elapsed = formatElapsed((now - Date.parse(timer.startedAt)) / 1000);
  return presenting ? `${elapsed} · timer running` : `${elapsed} · ${timer.projectName}`;
}

interface CoreLike {
  invoke(channel: 'settings.get'): Promise<Result<unknown>>;
  on(event: 'data.changed', listener: (payload: { tables: string[] }) => void): () => void;
}

/**
 * The presentation setting as main knows it: read at start and again whenever the settings change
 * (from the window, the `ops` command or another process). Until it is read, main assumes the mode
 * is on, so nothing it shows can leak in the first moment.
 */
export class PresentingSetting {
  presenting = true;
  allowAuto = false;
  private readonly listeners = new Set<() => void>();
  private stop: (() => void) | undefined;

  constructor(private readonly core: CoreLike) {}

  start(): Promise<void> {
    this.stop = this.core.on('data.changed', ({ tables }) => {
      if (tables.includes('settings') || tables.includes('*')) void this.read();
    });
    return this.read();
  }

  dispose(): void {
    this.stop?.();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async read(): Promise<void> {
    const result = await this.core.invoke('settings.get');
    if (!result.ok) return;
    const settings = result.value as Settings;
    const changed = settings.presentation !== this.presenting || settings.presentOnSecondDisplay !== this.allowAuto;
    this.presenting = settings.presentation;
    this.allowAuto = settings.presentOnSecondDisplay;
    if (changed) for (const listener of this.listeners) listener();
  }
}
