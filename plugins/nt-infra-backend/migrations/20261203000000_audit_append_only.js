// @ts-check

/**
 * The audit trail is append-only in the database, not only by convention:
 * on PostgreSQL (production) a trigger refuses UPDATE, DELETE and TRUNCATE
 * of `audit_events`, whichever client issues them; on SQLite (the embedded
 * default) RAISE(ABORT) triggers refuse UPDATE and DELETE. A migration that
 * must rewrite the table has to drop the triggers first, visibly, in review.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (isPostgres(knex)) {
    await knex.raw(`
      CREATE OR REPLACE FUNCTION nt_infra_audit_events_append_only()
      RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END;
      $$`);
    await knex.raw(`
      CREATE TRIGGER audit_events_append_only
      BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE PROCEDURE nt_infra_audit_events_append_only()`);
    await knex.raw(`
      CREATE TRIGGER audit_events_no_truncate
      BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE PROCEDURE nt_infra_audit_events_append_only()`);
    return;
  }
  if (isSqlite(knex)) {
    for (const op of ['UPDATE', 'DELETE']) {
      await knex.raw(`
        CREATE TRIGGER audit_events_no_${op.toLowerCase()}
        BEFORE ${op} ON audit_events
        BEGIN
          SELECT RAISE(ABORT, 'audit_events is append-only: ${op} refused');
        END`);
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    await knex.raw(
      'DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events',
    );
    await knex.raw(
      'DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events',
    );
    await knex.raw(
      'DROP FUNCTION IF EXISTS nt_infra_audit_events_append_only()',
    );
    return;
  }
  if (isSqlite(knex)) {
    await knex.raw('DROP TRIGGER IF EXISTS audit_events_no_update');
    await knex.raw('DROP TRIGGER IF EXISTS audit_events_no_delete');
  }
};

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return knex.client.config.client === 'pg';
}

/** @param {import('knex').Knex} knex */
function isSqlite(knex) {
  return ['better-sqlite3', 'sqlite3'].includes(knex.client.config.client);
}
