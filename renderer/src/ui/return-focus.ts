// Dialogs opened from state (a URL, a card's button) have no Radix Trigger to return focus to, so
// on close focus would fall to the page. This hands it back to whatever opened the dialog.
import { useState } from 'react';

/** The dialog content's `onCloseAutoFocus`: focus goes back to the element focused when it opened. */
export function useReturnFocus(): (event: Event) => void {
  const [opener] = useState(() => (typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)));
  return (event: Event) => {
    if (opener && opener !== document.body && opener.isConnected) {
      event.preventDefault();
      opener.focus();
    }
  };
}
