import { LoggerService } from '@backstage/backend-plugin-api';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  experimentReadPermission,
  ExperimentsResponse,
  FailoverTestView,
  GameDayReport,
  Run,
  runReadPermission,
  RunsResponse,
} from '@internal/plugin-nt-infra-common';
import { Readable } from 'stream';
import {
  experimentDocument,
  NT_INFRA_EXPERIMENT_TYPE,
  NT_INFRA_RUN_TYPE,
  NtInfraExperimentDocument,
  NtInfraRunDocument,
  RunDetails,
  runDocument,
} from './documents';
import { NtInfraReader } from './NtInfraReader';

/**
 * The chaos experiment library. Results of this type are shown only to
 * users whom the permission policy lets read the library
 * (`nt-infra.experiment.read`), the same check as `GET /experiments`.
 * @public
 */
export class NtInfraExperimentCollatorFactory
  implements DocumentCollatorFactory
{
  readonly type = NT_INFRA_EXPERIMENT_TYPE;
  readonly visibilityPermission = experimentReadPermission;

  constructor(private readonly reader: NtInfraReader) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<NtInfraExperimentDocument> {
    const library = await this.reader.get<ExperimentsResponse>('/experiments');
    for (const experiment of library.items) {
      yield experimentDocument(experiment);
    }
  }
}

/**
 * Chaos runs, failover tests and GameDays, the whole history page by page.
 * Shown only to users whom the policy lets read runs (`nt-infra.run.read`),
 * the same check as `GET /runs`, `/failover-tests/:id` and the reports.
 * @public
 */
export class NtInfraRunCollatorFactory implements DocumentCollatorFactory {
  readonly type = NT_INFRA_RUN_TYPE;
  readonly visibilityPermission = runReadPermission;

  constructor(
    private readonly deps: {
      reader: NtInfraReader;
      logger: LoggerService;
      /** Runs per page of `GET /runs` (at most 200, the API's limit). */
      pageSize?: number;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<NtInfraRunDocument> {
    const limit = this.deps.pageSize ?? 200;
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) {
        query.set('cursor', cursor);
      }
      const page = await this.deps.reader.get<RunsResponse>(`/runs?${query}`);
      for (const run of page.items) {
        yield runDocument(run, await this.details(run));
      }
      cursor = page.nextCursor;
    } while (cursor);
  }

  /**
   * A failover test's figures and a GameDay's report are what people search
   * for (RTO, verdicts, notes); a run whose view cannot be read is still
   * indexed from the history's fields rather than dropped.
   */
  private async details(run: Run): Promise<RunDetails | undefined> {
    const id = encodeURIComponent(run.id);
    try {
      if (run.kind === 'failover') {
        return {
          kind: 'failover',
          view: await this.deps.reader.get<FailoverTestView>(
            `/failover-tests/${id}`,
          ),
        };
      }
      if (run.kind === 'gameday') {
        return {
          kind: 'gameday',
          report: await this.deps.reader.get<GameDayReport>(
            `/gamedays/${id}/report`,
          ),
        };
      }
    } catch (error) {
      this.deps.logger.warn(
        `Indexing ${run.kind} ${run.id} without its details: ${error}`,
      );
    }
    return undefined;
  }
}
