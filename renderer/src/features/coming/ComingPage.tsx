export type Screen = 'projects' | 'billing';

const PLANS: Record<Screen, { title: string; points: string[] }> = {
  projects: {
    title: 'Project dashboards are coming',
    points: ['Budget burn per project and tier', 'Hours by consultant and week', 'Projects at risk of overrun'],
  },
  billing: {
    title: 'Billing dashboards are coming',
    points: ['Unbilled hours and invoice previews with GST', 'Invoices sent, paid and overdue', 'Revenue by month and client'],
  },
};

/** A clear “coming” state: these screens show no numbers until they have real ones. */
export function ComingPage({ screen }: { screen: Screen }) {
  const plan = PLANS[screen];
  return (
    <div className="page">
      <section className="card coming" aria-label="Coming soon">
        <span className="badge badge-accent" style={{ justifySelf: 'start' }}>
          Coming
        </span>
        <h2>{plan.title}</h2>
        <p className="muted" style={{ margin: 0 }}>
          This screen is not built yet. Your hours are tracked and stored locally already, and every change waits in the outbox for sync.
        </p>
        <ul>
          {plan.points.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
