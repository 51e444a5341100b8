-- Pipeline triggers and their webhook deliveries (issue 9, docs/pipelines.md "Delivery").
-- webhook_deliveries was created empty in 0001 and never written before this version, so it is
-- rebuilt with the states and the bookkeeping the delivery engine needs. Local only: never synced.
DROP TABLE webhook_deliveries;
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL,
  pipeline_id TEXT NOT NULL,
  pipeline_slug TEXT NOT NULL,
  -- `/pipelines/{slug}/runs`, appended to the pipeline API configured when it is sent.
  url_path TEXT NOT NULL,
  -- The exact JSON sent, every attempt the same bytes (the receiver dedupes by webhook-id and
  -- compares the request); signed only when sent.
  body TEXT NOT NULL,
  -- pending: waiting or being sent (claimed); delivered: the receiver answered 2xx; failed: a final
  -- refusal (a 4xx, or the retries ran out); disabled: 410, the pipeline is off; expired: not sent
  -- before expires_at; cancelled: cancelled before it was sent.
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'delivered', 'failed', 'disabled', 'expired', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  -- A sender claims a delivery before sending it (claim_token, until claim_until); a claim left by
  -- a process killed mid-send lapses, and the delivery is sent again (the receiver dedupes).
  claim_token TEXT,
  claim_until TEXT,
  last_attempt_at TEXT,
  -- The last answer: its HTTP status (NULL: no answer, the network) and the receiver's reason or
  -- status in its own words, bounded; last_error says what it means, in ours.
  last_status INTEGER,
  last_answer TEXT,
  last_error TEXT,
  delivered_at TEXT,
  -- The job's status in the receiver's 2xx answer (queued, or where it already was).
  receiver_status TEXT,
  -- 1: taken by the in-process simulator of a demo workspace with no pipeline API (simulator.ts),
  -- which runs the job from delivered_at.
  simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1))
);
CREATE UNIQUE INDEX webhook_deliveries_job ON webhook_deliveries (job_id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- Pipelines the receiver answered 410 for ("disabled"), on this laptop only: a consultant cannot
-- write `pipelines` at the central. The flag holds while the pipeline's `active` column keeps the
-- clock it had then; when an admin switches the pipeline off and on again at the central, the new
-- clock arrives by sync and the flag no longer applies.
CREATE TABLE pipelines_disabled (
  pipeline_id TEXT PRIMARY KEY,
  disabled_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  active_clock TEXT NOT NULL
);
