// A date field: the date written the app's one way, and a calendar (react-day-picker) in a Radix
// popover for picking. Keyboard: Enter/Space opens, arrows move, Enter picks, Escape closes.
import * as Popover from '@radix-ui/react-popover';
import { CalendarDays } from 'lucide-react';
import { useState } from 'react';
import { DayPicker } from 'react-day-picker';
import 'react-day-picker/style.css';
import { useDisplay } from '../app/display';

interface Props {
  /** `YYYY-MM-DD`. */
  value: string;
  onChange: (day: string) => void;
  label: string;
  invalid?: boolean;
  /** Days after this one cannot be picked (e.g. today for logged hours). */
  latest?: string;
}

function toDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}
function toDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const dayLabel = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric', weekday: 'long' });

export function DateField({ value, onChange, label, invalid, latest }: Props) {
  const display = useDisplay();
  const [open, setOpen] = useState(false);
  const selected = value ? toDate(value) : undefined;
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button
          type="button"
          className="input date-trigger"
          // The name holds the text shown (speech input users say what they see), then the full date.
          aria-label={`${label}: ${value ? display.dayMedium(value) : 'not set'}`}
          title={value ? display.dayLong(value) : undefined}
          aria-invalid={invalid || undefined}
        >
          <CalendarDays size={14} aria-hidden />
          <span>{value ? display.dayMedium(value) : 'Pick a date'}</span>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="popover"
          align="start"
          sideOffset={4}
          aria-label={`${label} calendar`}
          // Focus starts on the chosen day (else today), so arrow keys move from there at once.
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            const content = event.currentTarget as HTMLElement;
            const day = ['[data-selected] button', '[data-today] button', 'button.rdp-day_button']
              .map((selector) => content.querySelector<HTMLButtonElement>(selector))
              .find(Boolean);
            day?.focus();
          }}
        >
          <DayPicker
            mode="single"
            autoFocus
            selected={selected}
            defaultMonth={selected}
            weekStartsOn={1}
            // Day names that start with the number shown on the button (speech input says "27").
            labels={{
              labelDayButton: (date, modifiers) =>
                `${dayLabel.format(date)}${modifiers.today ? ', today' : ''}${modifiers.selected ? ', selected' : ''}`,
            }}
            disabled={latest ? { after: toDate(latest) } : undefined}
            onSelect={(date) => {
              if (date) onChange(toDay(date));
              setOpen(false);
            }}
          />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
