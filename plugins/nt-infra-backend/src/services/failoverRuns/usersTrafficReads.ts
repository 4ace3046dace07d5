import {
  ClockAnchor,
  clockMapping,
  cutOnPrometheusMs,
  cutPlacementErrorMs,
  FailoverMonitor,
  UserTrafficReading,
} from '../failover';
import { LoggerService } from '@backstage/backend-plugin-api';
import { RunTick } from '../runs/RunHandler';
import { FailoverRunOutcome } from './failoverRunTypes';

/**
 * How often the users' request counters are read (backend clock). They change
 * once per scrape; this only decides how soon a recovery is noticed.
 */
const DEFAULT_TRAFFIC_READ_EVERY_MS = 2000;
/** Counters read from this long (Prometheus' clock) before the cut: the steady state left. */
const TRAFFIC_CONTEXT_MS = 60_000;
/**
 * How far (Prometheus ms) the cut may be misplaced when the lag at it is read
 * from history: a second, far below the rules' evaluation interval.
 */
const MAX_CUT_PLACEMENT_ERROR_MS = 1000;

/**
 * The users' side of a running test, read from Prometheus at its own pace:
 * the request counters since just before the cut, and the replication lag at
 * the cut when it could not be read then.
 */
export class UsersTrafficReads {
  /** When each run's counters were last read (backend ms). */
  private readonly readAt = new Map<string, number>();
  /** Runs whose latest read failed, with its error: said once, not per read. */
  private readonly failing = new Map<string, string>();

  constructor(
    private readonly clock: () => Date,
    private readonly logger: LoggerService,
    private readonly readEveryMs = DEFAULT_TRAFFIC_READ_EVERY_MS,
  ) {}

  /** Forgets a run that has ended. */
  forget(runId: string) {
    this.readAt.delete(runId);
    this.failing.delete(runId);
  }

  /**
   * Reads the counters when the last reading is old enough; returns the
   * outcome with the reading that applies now.
   */
  async read(
    t: RunTick,
    monitor: FailoverMonitor,
    outcome: FailoverRunOutcome,
  ): Promise<FailoverRunOutcome> {
    const now = this.clock().getTime();
    const last = this.readAt.get(t.run.id);
    if (last !== undefined && now - last < this.readEveryMs) return outcome;
    this.readAt.set(t.run.id, now);
    // Prometheus may not have answered at the cut: any later moment seen on
    // both clocks places the counters as well, once the rate is known.
    const first =
      outcome.cutAnchor ?? (await monitor.readPrometheusClock(this.clock));
    if (!first) return outcome;
    if (!outcome.cutAnchor) await t.saveOutcome({ cutAnchor: first });
    const cutMs = Date.parse(outcome.cut!.at);
    const traffic = await monitor.readUserTraffic(
      latest =>
        clockMapping(first, latest).toPrometheusMs(cutMs) - TRAFFIC_CONTEXT_MS,
      this.clock,
    );
    this.sayWhetherReadable(t.run.id, traffic);
    // A failed read does not replace a good one: the last curve stands.
    if (!traffic.ok && outcome.traffic?.ok) {
      return { ...outcome, cutAnchor: first };
    }
    await t.saveOutcome({ traffic });
    const replicationLag = traffic.ok
      ? await lagAtCut(t, monitor, outcome.replicationLag, {
          first,
          latest: traffic.anchor,
          cutMs,
        })
      : outcome.replicationLag;
    return { ...outcome, cutAnchor: first, traffic, replicationLag };
  }

  /**
   * A run kept on its last good curve shows nothing of why it stopped
   * moving: the operator is told when the counters become unreadable, and
   * when they are read again.
   */
  private sayWhetherReadable(runId: string, traffic: UserTrafficReading) {
    const before = this.failing.get(runId);
    if (!traffic.ok) {
      const { error } = traffic;
      if (before !== error) {
        this.logger.warn(
          `Failover run ${runId}: the users' request counters could not be read (${error}); the curve stays as last read until they can`,
        );
      }
      this.failing.set(runId, error);
    } else if (before !== undefined) {
      this.logger.info(
        `Failover run ${runId}: the users' request counters are read again`,
      );
      this.failing.delete(runId);
    }
  }
}

/**
 * A lag Prometheus did not give at the cut (an error, a timeout) is read
 * again from its history at the cut's moment, once that moment is placed
 * on its clock closely enough: the RPO stays the lag at the cut, never a
 * later one. Until then the anchors are too close to tell the rate between
 * the clocks, and a later read, further apart, places it better.
 */
async function lagAtCut(
  t: RunTick,
  monitor: FailoverMonitor,
  atCut: FailoverRunOutcome['replicationLag'],
  clocks: { first: ClockAnchor; latest: ClockAnchor; cutMs: number },
): Promise<FailoverRunOutcome['replicationLag']> {
  if (atCut?.ok) return atCut;
  const { first, latest, cutMs } = clocks;
  const placementErrorMs = cutPlacementErrorMs(first, latest, cutMs);
  const cutPrometheusMs = cutOnPrometheusMs(first, latest, cutMs);
  if (
    placementErrorMs === undefined ||
    placementErrorMs > MAX_CUT_PLACEMENT_ERROR_MS ||
    cutPrometheusMs === undefined
  ) {
    return atCut;
  }
  const lag = await monitor.readReplicationLag(new Date(cutPrometheusMs));
  if (!lag.ok) return atCut;
  await t.saveOutcome({ replicationLag: lag });
  return lag;
}
