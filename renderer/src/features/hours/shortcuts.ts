import { useEffect } from 'react';
import { subscribe } from '../../api/client';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** `T` starts or stops the timer, `N` opens a new entry (not while typing); menus send the same. */
export function useHoursShortcuts(actions: { toggleTimer: () => void; newEntry: () => void }): void {
  const { toggleTimer, newEntry } = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (event.key === 't' || event.key === 'T') {
        event.preventDefault();
        toggleTimer();
      } else if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        newEntry();
      }
    };
    window.addEventListener('keydown', onKey);
    const off = subscribe('app.command', ({ command }) => {
      if (command === 'new-entry') newEntry();
      if (command === 'toggle-timer') toggleTimer();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [toggleTimer, newEntry]);
}
