// @ts-check

/**
 * The durable state of the portal: runs (chaos, failover tests, GameDays) as
 * state machines with their transitions and steps, approvals, production
 * chaos windows, GitOps change requests, idempotency keys and the
 * append-only audit trail. Times are epoch milliseconds (bigint) so that
 * ordering and keyset pagination behave the same on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('runs', table => {
    table.string('id', 64).primary();
    table.string('kind', 32).notNullable(); // chaos | failover | gameday
    table.string('environment', 32).notNullable();
    table.string('state', 32).notNullable();
    table.string('title', 256).notNullable();
    table.string('entity_ref', 512).nullable();
    table.string('experiment_ref', 512).nullable();
    table.string('requested_by', 512).notNullable();
    table.text('params').notNullable(); // JSON
    table.text('outcome').nullable(); // JSON
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('ended_at').nullable();
    // Reconciler lease: any number of backend replicas, one driver per run.
    table.string('lease_owner', 128).nullable();
    table.bigInteger('lease_expires_at').nullable();
    // Optimistic concurrency for state transitions.
    table.integer('version').notNullable().defaultTo(0);
    table.index(['created_at', 'id'], 'runs_created_idx');
    table.index(['kind', 'created_at'], 'runs_kind_created_idx');
    table.index(['environment', 'created_at'], 'runs_env_created_idx');
    table.index(['state', 'created_at'], 'runs_state_created_idx');
    table.index(['entity_ref', 'created_at'], 'runs_entity_created_idx');
    table.index(['lease_expires_at'], 'runs_lease_idx');
  });

  // One row per region a run touches, so "runs in westus" is an index scan.
  await knex.schema.createTable('run_regions', table => {
    table
      .string('run_id', 64)
      .notNullable()
      .references('id')
      .inTable('runs')
      .onDelete('CASCADE');
    table.string('region', 64).notNullable();
    table.bigInteger('created_at').notNullable();
    table.primary(['run_id', 'region']);
    table.index(['region', 'created_at', 'run_id'], 'run_regions_region_idx');
  });

  await knex.schema.createTable('run_transitions', table => {
    table.increments('id').primary();
    table
      .string('run_id', 64)
      .notNullable()
      .references('id')
      .inTable('runs')
      .onDelete('CASCADE');
    table.string('from_state', 32).nullable();
    table.string('to_state', 32).notNullable();
    table.string('actor', 512).notNullable();
    table.text('reason').notNullable();
    table.text('details').nullable(); // JSON
    table.bigInteger('at').notNullable();
    table.index(['run_id', 'id'], 'run_transitions_run_idx');
  });

  await knex.schema.createTable('run_steps', table => {
    table
      .string('run_id', 64)
      .notNullable()
      .references('id')
      .inTable('runs')
      .onDelete('CASCADE');
    table.integer('seq').notNullable();
    table.string('name', 256).notNullable();
    table.string('state', 32).notNullable();
    table.text('notes').nullable();
    table.text('details').nullable(); // JSON
    table.bigInteger('started_at').nullable();
    table.bigInteger('ended_at').nullable();
    table.primary(['run_id', 'seq']);
  });

  await knex.schema.createTable('chaos_windows', table => {
    table.string('id', 64).primary();
    table.string('environment', 32).notNullable();
    table.bigInteger('starts_at').notNullable();
    table.bigInteger('ends_at').notNullable();
    table.string('state', 32).notNullable();
    table.string('requested_by', 512).notNullable();
    table.text('reason').notNullable();
    table.text('limits').notNullable(); // JSON: blast radius, stop conditions
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['environment', 'starts_at'], 'chaos_windows_env_idx');
    table.index(['state', 'starts_at'], 'chaos_windows_state_idx');
  });

  await knex.schema.createTable('approvals', table => {
    table.increments('id').primary();
    table.string('subject_type', 32).notNullable(); // run | window | change
    table.string('subject_id', 64).notNullable();
    table.string('decision', 16).notNullable(); // approved | rejected
    table.string('actor', 512).notNullable();
    table.text('reason').notNullable();
    table.bigInteger('at').notNullable();
    table.index(['subject_type', 'subject_id'], 'approvals_subject_idx');
  });

  await knex.schema.createTable('change_requests', table => {
    table.string('id', 64).primary();
    table.string('kind', 64).notNullable();
    table.string('title', 256).notNullable();
    table.string('state', 32).notNullable();
    table.string('requested_by', 512).notNullable();
    table.string('branch', 256).nullable();
    table.string('pull_request_url', 1024).nullable();
    table.integer('pull_request_number').nullable();
    table.string('run_id', 64).nullable();
    table.text('params').notNullable(); // JSON
    table.text('diff').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['state', 'created_at'], 'change_requests_state_idx');
  });

  // Same key from the same actor for the same operation → the same resource.
  await knex.schema.createTable('idempotency_keys', table => {
    table.string('actor', 512).notNullable();
    table.string('key', 128).notNullable();
    table.string('operation', 64).notNullable();
    table.string('request_hash', 64).notNullable();
    table.string('resource_id', 64).notNullable();
    table.bigInteger('created_at').notNullable();
    table.primary(['actor', 'operation', 'key']);
  });

  await knex.schema.createTable('audit_events', table => {
    table.bigIncrements('id').primary();
    table.bigInteger('at').notNullable();
    table.string('actor', 512).notNullable();
    table.string('action', 128).notNullable();
    table.string('target_type', 64).nullable();
    table.string('target_id', 512).nullable();
    table.string('decision', 16).notNullable(); // allowed | denied | recorded
    table.text('reason').notNullable();
    table.text('details').nullable(); // JSON
    table.index(['at', 'id'], 'audit_events_at_idx');
    table.index(['target_type', 'target_id'], 'audit_events_target_idx');
    table.index(['actor', 'at'], 'audit_events_actor_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'audit_events',
    'idempotency_keys',
    'change_requests',
    'approvals',
    'chaos_windows',
    'run_steps',
    'run_transitions',
    'run_regions',
    'runs',
  ]) {
    await knex.schema.dropTable(table);
  }
};
