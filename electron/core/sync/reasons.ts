// Why the central database refused a mutation: the words come from ops_push (its ops_refusal and
// the verdicts it writes); the app recognises this one to offer Restore instead of Retry. It must
// match the text in migrations/postgres/0002_trust_no_client.sql.
export const DELETED_ELSEWHERE = 'This row was deleted on another device or by another system, so the change cannot be applied.';
