// Turns presentation mode on when a second display is connected (or the app starts with one), if the
// user's setting allows it, and says so. The decision is shouldPresentForDisplays (presenting.ts).
import { screen } from 'electron';
import type { AppCommand } from '../../shared/contract';
import type { Core } from '../core/api';
import { shouldPresentForDisplays, type PresentingSetting } from './presenting';

export function watchDisplays(core: Pick<Core, 'invoke'>, setting: PresentingSetting, tell: (command: AppCommand) => void): () => void {
  let displays = screen.getAllDisplays().length;
  const check = async (before: number) => {
    await setting.read();
    if (!shouldPresentForDisplays({ displays, before, allowed: setting.allowAuto, presenting: setting.presenting })) return;
    const result = await core.invoke('settings.update', { presentation: true });
    if (result.ok) {
      await setting.read();
      tell('presenting-second-display');
    }
  };
  const added = () => {
    const before = displays;
    displays = screen.getAllDisplays().length;
    void check(before);
  };
  const removed = () => {
    displays = screen.getAllDisplays().length;
  };
  screen.on('display-added', added);
  screen.on('display-removed', removed);
  void check(1);
  return () => {
    screen.removeListener('display-added', added);
    screen.removeListener('display-removed', removed);
  };
}
