// A clock-time field that reads what people type (9, 930, 9:30, 9.30pm, 21:30) and writes it back
// in the user's 12- or 24-hour style when they leave the field. A plain labelled text input: screen
// readers and keyboards need nothing special, and it follows the Settings choice, which the
// browser's native time input does not.
import { useState } from 'react';
import { useDisplay } from '../app/display';
import { parseClock } from '../app/display-format';

interface Props {
  /** `HH:MM` (24-hour), or '' when what was typed is not a time. */
  value: string;
  onChange: (hhmm: string) => void;
  label: string;
  invalid?: boolean;
}

export function TimeField({ value, onChange, label, invalid }: Props) {
  const display = useDisplay();
  const [text, setText] = useState(() => (value ? display.wallClock(value) : ''));
  const [shown, setShown] = useState(value);
  // The value changed from outside (another field, a reset): show it.
  if (value !== shown) {
    setShown(value);
    if (value && parseClock(text) !== value) setText(display.wallClock(value));
  }
  const parsed = parseClock(text);
  return (
    <input
      className="input"
      inputMode="text"
      autoComplete="off"
      value={text}
      placeholder={display.hour12 ? '9:00 am' : '09:00'}
      aria-label={label}
      aria-invalid={invalid || (text !== '' && !parsed) || undefined}
      onChange={(e) => {
        setText(e.target.value);
        const next = parseClock(e.target.value) ?? '';
        setShown(next);
        onChange(next);
      }}
      onBlur={() => parsed && setText(display.wallClock(parsed))}
    />
  );
}
