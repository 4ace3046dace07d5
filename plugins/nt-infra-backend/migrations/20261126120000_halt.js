// @ts-check

/**
 * The halt-all switch: while engaged, every active run is stopped, every
 * fault the portal created is removed, and no new run may start. One row
 * per switch (there is one, `global`), so replicas agree through the database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('halt_switch', table => {
    table.string('id', 32).primary();
    table.boolean('engaged').notNullable();
    table.string('changed_by', 512).notNullable();
    table.text('reason').notNullable();
    table.bigInteger('changed_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('halt_switch');
};
