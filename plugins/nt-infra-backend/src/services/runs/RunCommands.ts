import { ConflictError, NotFoundError } from '@backstage/errors';
import { Run, RunKind } from '@internal/plugin-nt-infra-common';
import { RunStore } from '../../database/RunStore';

/** How one kind of run is stopped: its own service's command, never a bare state write. */
export interface StopCommand {
  kind: RunKind;
  stop(id: string, actor: string, reason: string): Promise<unknown>;
}

/**
 * Commands on a run of any kind (`/runs/:id/stop`): each is handed to the
 * service of the run's kind, which knows how its machine ends (a chaos run
 * removes its faults, a failover test gives the primary back, a GameDay
 * stops its active step first).
 */
export class RunCommands {
  private readonly stops: Map<RunKind, StopCommand>;

  constructor(
    private readonly options: { runs: RunStore; stops: StopCommand[] },
  ) {
    this.stops = new Map(options.stops.map(c => [c.kind, c]));
  }

  /** The kind of a run, or NotFoundError. */
  /** The run, or NotFoundError. */
  async find(id: string): Promise<Run> {
    const run = await this.options.runs.getRun(id);
    if (!run) throw new NotFoundError(`Run '${id}' not found`);
    return run;
  }

  async kindOf(id: string): Promise<RunKind> {
    return (await this.find(id)).kind;
  }

  async stop(id: string, actor: string, reason: string): Promise<Run> {
    const kind = await this.kindOf(id);
    const command = this.stops.get(kind);
    if (!command) {
      throw new ConflictError(`Runs of kind '${kind}' cannot be stopped`);
    }
    await command.stop(id, actor, reason);
    return this.find(id);
  }
}
