/** One figure with its label: the summary tiles above tables. */
export function Tile({ label, value }: { label: string; value: string }) {
  return (
    <div className="card tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
    </div>
  );
}
