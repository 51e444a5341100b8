// A dashboard's range: quick ranges (this week, month, quarter, last 12 months) and custom days,
// with the period it is compared with. The range lives in the URL (the page's search params).
import { previousRange, QUICK_RANGE_LABELS, QUICK_RANGES, quickRange, quickRangeOf, type DayRange } from '../../../shared/ranges';
import { useDisplay } from '../app/display';
import { DateField } from './DateField';

export function RangeBar({ range, onChange, compare = true }: { range: DayRange; onChange: (range: DayRange) => void; compare?: boolean }) {
  const display = useDisplay();
  const today = display.today();
  const active = quickRangeOf(range, today);
  const previous = previousRange(range);
  return (
    <div className="range-bar" role="group" aria-label="Date range">
      <div className="segmented">
        {QUICK_RANGES.map((kind) => (
          <button key={kind} type="button" aria-pressed={active === kind} onClick={() => onChange(quickRange(kind, today))}>
            {QUICK_RANGE_LABELS[kind]}
          </button>
        ))}
      </div>
      {/* The two days wrap together: never "to" on a line of its own. */}
      <span className="range-days">
        <DateField value={range.from} label="First day" onChange={(from) => onChange({ from, to: from > range.to ? from : range.to })} />
        <span className="muted">to</span>
        <DateField value={range.to} label="Last day" onChange={(to) => onChange({ from: to < range.from ? to : range.from, to })} />
      </span>
      {compare && (
        <span className="muted range-compare" data-testid="range-compare">
          vs {display.dayMedium(previous.from)} – {display.dayMedium(previous.to)}
        </span>
      )}
    </div>
  );
}
