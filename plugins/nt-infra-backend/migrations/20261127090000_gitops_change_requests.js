// @ts-check

/**
 * GitOps change requests as durable state machines: what a reviewer needs
 * beside the row of the init migration (provider, reason, the checks that
 * ran, the exact commits approved and merged, the window that motivated it)
 * and a timestamped transition per state change.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_requests', table => {
    table.string('provider', 16).notNullable().defaultTo('local');
    table.text('reason').nullable();
    table.text('checks').nullable(); // JSON
    table.string('window_id', 64).nullable();
    table.string('base_sha', 64).nullable();
    table.string('head_sha', 64).nullable();
    table.string('approved_by', 512).nullable();
    table.string('merged_sha', 64).nullable();
  });
  await knex.schema.createTable('change_request_transitions', table => {
    table.bigIncrements('id').primary();
    table
      .string('change_request_id', 64)
      .notNullable()
      .references('id')
      .inTable('change_requests')
      .onDelete('CASCADE');
    table.string('from_state', 32).nullable();
    table.string('to_state', 32).notNullable();
    table.string('actor', 512).notNullable();
    table.text('reason').notNullable();
    table.bigInteger('at').notNullable();
    table.index(['change_request_id'], 'change_request_transitions_cr_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_request_transitions');
  await knex.schema.alterTable('change_requests', table => {
    for (const column of [
      'provider',
      'reason',
      'checks',
      'window_id',
      'base_sha',
      'head_sha',
      'approved_by',
      'merged_sha',
    ]) {
      table.dropColumn(column);
    }
  });
};
