// A small trend line (recharts) for a tile: an image with a name that says the trend in words; the
// figures themselves are in a table behind the tile (its drill-down), so nothing is only drawn.
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';

export interface SparkPoint {
  label: string;
  value: number | null;
}

interface Props {
  points: SparkPoint[];
  /** What the line is, for its accessible name ("Billable utilization by week"). */
  name: string;
  /** The points' values as read ("73 %"). */
  format: (value: number) => string;
  tone?: 'positive' | 'negative' | 'neutral';
  testId?: string;
}

/** "Billable utilization by week: 71 % (week of 5 Oct) to 78 % (week of 23 Nov), 13 points." */
export function describeTrend(points: SparkPoint[], name: string, format: (value: number) => string): string {
  const known = points.filter((p): p is SparkPoint & { value: number } => p.value !== null);
  if (known.length === 0) return `${name}: no figures in the range.`;
  const first = known[0]!;
  const last = known.at(-1)!;
  if (known.length === 1) return `${name}: ${format(first.value)} (${first.label}) only.`;
  return `${name}: ${format(first.value)} (${first.label}) to ${format(last.value)} (${last.label}), ${known.length} of ${points.length} periods with a figure.`;
}

export function Sparkline({ points, name, format, tone = 'neutral', testId }: Props) {
  const colour = tone === 'positive' ? 'var(--positive)' : tone === 'negative' ? 'var(--danger)' : 'var(--accent)';
  return (
    <div className="sparkline" role="img" aria-label={describeTrend(points, name, format)} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        {/* No keyboard layer: the chart is a picture here, its figures are in the table behind the tile. */}
        <LineChart data={points} margin={{ top: 4, right: 2, bottom: 4, left: 2 }} accessibilityLayer={false}>
          <YAxis hide domain={['dataMin', 'dataMax']} />
          <Line
            type="monotone"
            dataKey="value"
            stroke={colour}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
