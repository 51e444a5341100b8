-- The billing dashboard's work in progress reads project_values (0009) for the work on no invoice
-- and on draft or void invoices: joined to the invoices, that read every row of the aggregate and
-- looked each one's invoice up (9k rows at scale 10: 4.5 ms). Each part now has a small index: the
-- rows on no invoice with billable work (1.4k), and, for the few draft and void invoices (found by
-- their own partial index), their rows by invoice (1.4 ms).
CREATE INDEX project_values_wip ON project_values (project_id) WHERE invoice_id = '' AND billable_entries > 0;
CREATE INDEX project_values_invoice ON project_values (invoice_id) WHERE invoice_id <> '';
CREATE INDEX invoices_unbilled ON invoices (status) WHERE status IN ('draft', 'void');
