// A dialog opened by a key press has no trigger button for Radix to focus on close; this puts
// focus back on whatever had it when the dialog opened.
import { useCallback, useRef } from 'react';

export function useReturnFocus() {
  const previous = useRef<HTMLElement | null>(null);
  const remember = useCallback(() => {
    const active = document.activeElement;
    // Opening over an open dialog (the palette's "Show keyboard shortcuts") keeps the first target.
    if (active instanceof HTMLElement && active !== document.body && !active.closest('[role="dialog"]')) previous.current = active;
    else if (!active || active === document.body) previous.current = null;
  }, []);
  const onCloseAutoFocus = useCallback((event: Event) => {
    const target = previous.current;
    if (target && target.isConnected) {
      event.preventDefault();
      target.focus();
    }
  }, []);
  return { remember, onCloseAutoFocus };
}
