// @ts-check

/**
 * `GET /audit?decision=denied` reads the newest refusals first; refusals are
 * a small share of a long trail, so without this index each page scans the
 * trail back from its newest entry until it has found enough of them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.index(['decision', 'id'], 'audit_events_decision_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.dropIndex(['decision', 'id'], 'audit_events_decision_idx');
  });
};
