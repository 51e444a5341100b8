import { Link } from '@tanstack/react-router';

/** An address the app does not know (an old bookmark, a typo): say so and offer the way home. */
export function NotFound() {
  return (
    <div className="page">
      <section className="card state-card" role="alert">
        <h2>There is no screen at this address</h2>
        <p className="muted">The link may be from an older version of the app.</p>
        <div className="row">
          <Link to="/hours" className="btn btn-primary">
            Go to Hours
          </Link>
        </div>
      </section>
    </div>
  );
}
