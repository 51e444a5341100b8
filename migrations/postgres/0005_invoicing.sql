-- Invoicing (issue 10): who may invoice, the locks, an invoice's lifecycle, and numbers that never
-- collide between laptops that invoice offline (docs/invoicing.md).
--
-- * Only admins create or change invoices, and only admins put hours on an invoice or take them off
--   (time_entries.invoice_id): a consultant's push that does either is refused and recorded as a
--   rejection (before, a consultant's invoice_id was silently replaced by the server's). A stale copy
--   of the column (its clock older than the server's) is no change and is not refused.
-- * Hours on a sent or paid invoice are locked for everyone (0001): any change or delete is refused
--   ("locked"). Voiding is the way out: once the invoice is void, its hours can be taken off it.
--   An entry on an invoice that is not void cannot be put on another one (billed twice).
-- * An invoice goes draft → sent → paid, or draft | sent → void, and never back; once sent, what it
--   bills (client, project, number, issue day, amounts) no longer changes. Paid means a paid day, on
--   or after the issue day. Direct writes (billing, psql) are held to the same rules.
-- * A sync write of an invoice whose number another invoice already has (a copied replica numbering
--   offline, or two replicas whose tags match) gets the number with a suffix from its own id, stamped
--   just after the writer's clock so the laptop takes the new number on its pull. Both are kept.

-- Refusals written for people are passed on as they are.
CREATE OR REPLACE FUNCTION ops_refusal(state text, message text, hint text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN hint IN ('locked', 'refused') THEN message
    WHEN state = '42501' THEN 'The central database refused it: you can change only your own time entries (and pipeline jobs you requested).'
    WHEN state = '23503' THEN 'It refers to something that does not exist in the central database (' || message || ').'
    WHEN state = '23505' THEN 'Another row already uses the same value (' || message || ').'
    WHEN state IN ('23514', '23502') THEN 'A value is not allowed by the central database (' || message || ').'
    ELSE 'The central database refused it: ' || message
  END
$$;

-- As in 0004, with two more rules: a consultant's hours go on and off invoices only by an admin,
-- and invoices are an admin's alone (said so in words).
CREATE OR REPLACE FUNCTION ops_not_allowed(tbl text, op text, id uuid, rec jsonb, admin boolean, me uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN admin THEN NULL
    WHEN tbl = 'time_entries' THEN
      CASE WHEN (op = 'upsert' AND (rec ->> 'consultant_id')::uuid IS DISTINCT FROM me)
             OR EXISTS (SELECT 1 FROM time_entries e WHERE e.id = ops_not_allowed.id AND e.consultant_id <> me)
           THEN 'The central database refused it: you can change only your own time entries.'
           -- (a stale copy of invoice_id is no change: its older clock loses anyway)
           WHEN op = 'upsert' AND CASE
                  WHEN EXISTS (SELECT 1 FROM time_entries e WHERE e.id = ops_not_allowed.id)
                  THEN EXISTS (SELECT 1 FROM time_entries e WHERE e.id = ops_not_allowed.id
                                 AND rec ->> 'invoice_id' IS DISTINCT FROM e.invoice_id::text
                                 AND ops_wins(rec -> '_clocks', rec ->> '_hlc', e._clocks, e._hlc, 'invoice_id'))
                  ELSE rec ->> 'invoice_id' IS NOT NULL END
           THEN 'The central database refused it: only an admin can put hours on an invoice or take them off one. Discard this change; an admin invoices the hours.' END
    WHEN tbl = 'invoices' THEN
      'The central database refused it: only an admin can ' || CASE WHEN op = 'delete' THEN 'delete' ELSE 'create or change' END
        || ' invoices. Discard this change, or ask an admin to do it.'
    WHEN tbl = 'pipeline_jobs' AND op = 'upsert' THEN
      CASE WHEN (rec ->> 'requested_by')::uuid IS DISTINCT FROM me
             OR EXISTS (SELECT 1 FROM pipeline_jobs j WHERE j.id = ops_not_allowed.id AND j.requested_by IS DISTINCT FROM me)
           THEN 'The central database refused it: you can change only the pipeline jobs you requested.'
           WHEN NOT EXISTS (SELECT 1 FROM pipeline_jobs j WHERE j.id = ops_not_allowed.id)
                AND (coalesce(rec ->> 'status', '') NOT IN ('requested', 'cancelled') OR rec ->> 'started_at' IS NOT NULL OR rec ->> 'finished_at' IS NOT NULL
                     OR rec ->> 'error' IS NOT NULL OR rec ->> 'result_summary' IS NOT NULL)
           THEN 'The central database refused it: a new pipeline job starts as requested (or cancelled); its progress comes from the pipeline.'
           WHEN EXISTS (SELECT 1 FROM pipeline_jobs j WHERE j.id = ops_not_allowed.id
                          AND ((rec ->> 'status' IS DISTINCT FROM j.status AND rec ->> 'status' IS DISTINCT FROM 'cancelled'
                                AND ops_job_stage(rec ->> 'status') > ops_job_stage(j.status)
                                AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'status'))
                               OR (rec ->> 'started_at' IS NOT NULL AND (rec ->> 'started_at')::timestamptz IS DISTINCT FROM j.started_at
                                   AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'started_at'))
                               OR (rec ->> 'finished_at' IS NOT NULL AND (rec ->> 'finished_at')::timestamptz IS DISTINCT FROM j.finished_at
                                   AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'finished_at'))
                               OR (rec ->> 'error' IS NOT NULL AND rec ->> 'error' IS DISTINCT FROM j.error
                                   AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'error'))
                               OR (rec ->> 'result_summary' IS NOT NULL AND rec ->> 'result_summary' IS DISTINCT FROM j.result_summary
                                   AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'result_summary'))))
           THEN 'The central database refused it: only the pipeline reports a job''s progress and result; you can cancel it.' END
    ELSE 'The central database refused it: only an admin can ' || CASE WHEN op = 'delete' THEN 'delete ' ELSE 'change ' END || replace(tbl, '_', ' ') || '.'
  END
$$;

-- The locks (0001), naming the invoice, and no entry billed on two invoices.
CREATE OR REPLACE FUNCTION ops_lock_billed_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  billed record;
BEGIN
  IF OLD.invoice_id IS NOT NULL THEN
    SELECT number, status INTO billed FROM invoices WHERE id = OLD.invoice_id;
    IF billed.status IN ('sent', 'paid')
       AND (TG_OP = 'DELETE' OR (to_jsonb(NEW) - '_hlc' - '_clocks' - '_txid') IS DISTINCT FROM (to_jsonb(OLD) - '_hlc' - '_clocks' - '_txid')) THEN
      RAISE EXCEPTION 'This entry is on invoice %, which has been %, so it is locked. Ask an admin to void the invoice first.', billed.number, billed.status
        USING ERRCODE = 'P0001', HINT = 'locked';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.invoice_id IS NOT NULL AND NEW.invoice_id <> OLD.invoice_id AND billed.status IS DISTINCT FROM 'void' THEN
      RAISE EXCEPTION 'This entry is already on invoice %, so it cannot be billed on another one. Void that invoice first.', billed.number
        USING ERRCODE = 'P0001', HINT = 'locked';
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

-- An invoice's lifecycle, whoever writes: before ops_stamp (triggers of one event fire in name order).
CREATE FUNCTION ops_invoice_lifecycle() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status
     AND NOT (OLD.status = 'draft' AND NEW.status IN ('sent', 'void') OR OLD.status = 'sent' AND NEW.status IN ('paid', 'void')) THEN
    RAISE EXCEPTION 'Invoice % is % in the central database, so it cannot become %.%', OLD.number, OLD.status, NEW.status,
      CASE WHEN OLD.status IN ('paid', 'void') THEN ' Discard this change to take the central version.' ELSE '' END
      USING ERRCODE = 'P0001', HINT = 'refused';
  END IF;
  IF OLD.status <> 'draft'
     AND (NEW.client_id, NEW.project_id, NEW.number, NEW.issued_on, NEW.subtotal_cents, NEW.tax_cents, NEW.total_cents)
         IS DISTINCT FROM (OLD.client_id, OLD.project_id, OLD.number, OLD.issued_on, OLD.subtotal_cents, OLD.tax_cents, OLD.total_cents) THEN
    RAISE EXCEPTION 'Invoice % has been %, so what it bills can no longer change. Void it and create a new one.', OLD.number, OLD.status
      USING ERRCODE = 'P0001', HINT = 'refused';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ops_invoice_lifecycle BEFORE UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION ops_invoice_lifecycle();

-- New writes only (NOT VALID): rows already stored are not checked again.
ALTER TABLE invoices ADD CONSTRAINT invoices_paid_on CHECK ((status = 'paid') = (paid_on IS NOT NULL) AND (paid_on IS NULL OR paid_on >= issued_on)) NOT VALID;
ALTER TABLE invoices ADD CONSTRAINT invoices_due_on CHECK (due_on >= issued_on) NOT VALID;

-- A sync write's number already taken by another invoice: the same number with a suffix from the
-- invoice's own id (so a later push of the same invoice finds the same one), its clock just after
-- the writer's. The lock makes two pushes of one number take turns.
CREATE FUNCTION ops_unique_invoice_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  candidate text := NEW.number;
  tries int := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('ops_invoice_number:' || NEW.number));
  WHILE EXISTS (SELECT 1 FROM invoices WHERE number = candidate AND id <> NEW.id) LOOP
    tries := tries + 1;
    candidate := NEW.number || '-' || upper(right(replace(NEW.id::text, '-', ''), 4)) || CASE WHEN tries > 1 THEN '-' || tries ELSE '' END;
  END LOOP;
  IF candidate <> NEW.number THEN
    NEW.number := candidate;
    NEW._clocks := coalesce(NEW._clocks, '{}'::jsonb) || jsonb_build_object('number', ops_stamp_after(coalesce(NEW._clocks ->> 'number', NEW._hlc)));
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ops_invoice_number BEFORE INSERT ON invoices FOR EACH ROW WHEN (current_user = 'ops_sync') EXECUTE FUNCTION ops_unique_invoice_number();

-- A push sends each row as the laptop has it now. Hours logged offline and invoiced before the next
-- sync are sent first by their own (earlier) mutation, already naming an invoice the push inserts
-- only later: that value waits (the column keeps the central's value and clock), and the entry's
-- later mutation in the same push, sent after the invoice, sets it. Before ops_lock_billed and
-- ops_stamp (name order). Sync writes only: a direct writer still gets the foreign key's error.
CREATE FUNCTION ops_entry_invoice_waits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.invoice_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM invoices WHERE id = NEW.invoice_id) THEN
    IF TG_OP = 'UPDATE' THEN
      NEW.invoice_id := OLD.invoice_id;
      NEW._clocks := CASE WHEN OLD._clocks ? 'invoice_id' THEN NEW._clocks || jsonb_build_object('invoice_id', OLD._clocks -> 'invoice_id')
                          ELSE NEW._clocks - 'invoice_id' END;
    ELSE
      NEW.invoice_id := NULL;
      NEW._clocks := NEW._clocks - 'invoice_id';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ops_entry_invoice_waits BEFORE INSERT OR UPDATE ON time_entries FOR EACH ROW
  WHEN (current_user = 'ops_sync' AND NEW.invoice_id IS NOT NULL)
  EXECUTE FUNCTION ops_entry_invoice_waits();
