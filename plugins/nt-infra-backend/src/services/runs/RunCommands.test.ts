import { TestDatabases } from '@backstage/backend-test-utils';
import { RunKind } from '@internal/plugin-nt-infra-common';
import { DatabaseRunStore } from '../../database/DatabaseRunStore';
import { MIGRATIONS_DIRECTORY } from '../../database/migrateDatabase';
import { RunCommands } from './RunCommands';

describe('RunCommands', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const runs = new DatabaseRunStore(knex);
    const stopped: string[] = [];
    // Each kind's command ends the run its own way; here it records and aborts.
    const stopOf = (kind: RunKind) => ({
      kind,
      stop: async (id: string, actor: string, reason: string) => {
        stopped.push(`${kind}:${actor}:${reason}`);
        await runs.transition(id, {
          from: ['approved'],
          to: 'aborted',
          actor,
          reason,
        });
      },
    });
    const create = async (kind: RunKind) =>
      (
        await runs.createRun({
          kind,
          environment: 'staging',
          regions: ['eastus'],
          title: kind,
          requestedBy: 'user:default/alice',
          params: {},
          state: 'approved',
          reason: 'test',
        })
      ).run.id;
    return { runs, stopped, stopOf, create };
  }

  it('hands a stop to the command of the run’s kind and answers the run', async () => {
    const { runs, stopped, stopOf, create } = await setup();
    const commands = new RunCommands({
      runs,
      stops: [stopOf('chaos'), stopOf('failover'), stopOf('gameday')],
    });
    const failover = await create('failover');
    const run = await commands.stop(failover, 'user:default/bob', 'enough');
    expect(run).toMatchObject({ id: failover, state: 'aborted' });
    expect(stopped).toEqual(['failover:user:default/bob:enough']);
    expect(await commands.kindOf(failover)).toBe('failover');
  });

  it('answers 404 for an unknown run and 409 for a kind without a stop', async () => {
    const { runs, stopOf, create } = await setup();
    const commands = new RunCommands({ runs, stops: [stopOf('chaos')] });
    await expect(
      commands.stop('5b1f1d1e-1111-4111-8111-111111111111', 'a', 'r'),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    const gameday = await create('gameday');
    await expect(commands.stop(gameday, 'a', 'r')).rejects.toMatchObject({
      name: 'ConflictError',
      message: "Runs of kind 'gameday' cannot be stopped",
    });
    expect((await runs.getRun(gameday))!.state).toBe('approved');
  });
});
