import { mockCredentials } from '@backstage/backend-test-utils';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import { SandboxEndpoints } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import { sandboxConfig } from '../../../__testUtils__/sandboxConfig';

const REPO_ROOT = path.resolve(__dirname, '../../../../../..');

/** The sandbox runs this many world seconds per wall second. */
export const CRASH_SPEED = 20;
export const ENVIRONMENT = 'staging';
export const GAMEDAY_SCENARIO = 'crash-drill';

/** Never breached by one failing pod: runs end on their duration. */
const CALM_STOP = {
  metric: 'ntai:availability:ratio_rate5m',
  op: '<',
  threshold: 0.01,
  for: '1m',
};

const podFailure = (duration: string, workload = 'ntai-api') => ({
  type: 'pod-failure',
  workload: { namespace: 'ntai', name: workload },
  duration,
  mode: 'fixed',
  value: 1,
  stopConditions: [CALM_STOP],
});

/**
 * A repository root for the children: the real experiment library and
 * recording rules, and one GameDay scenario that crosses every kind of step
 * (a chaos child, a wait, a failover child, a metrics check).
 */
export function writeCrashRepo(dir: string): string {
  fs.mkdirSync(path.join(dir, 'gamedays'), { recursive: true });
  for (const linked of ['monitoring', 'kubernetes']) {
    fs.symlinkSync(path.join(REPO_ROOT, linked), path.join(dir, linked));
  }
  const scenario = {
    name: GAMEDAY_SCENARIO,
    title: 'Crash drill',
    description: 'Every step kind, for the crash-recovery suite',
    environment: ENVIRONMENT,
    regions: ['eastus', 'westus'],
    observers: ['user:default/mock'],
    steps: [
      {
        name: 'api-pods',
        type: 'chaos',
        regions: ['eastus'],
        template: podFailure('2s'),
        timeout: '1m',
      },
      { name: 'settle', type: 'wait', duration: '1s', timeout: '30s' },
      {
        name: 'failover',
        type: 'failover',
        fromRegion: 'eastus',
        method: 'disable-endpoint',
        timeout: '2m',
      },
      {
        name: 'availability',
        type: 'check',
        metric: 'ntai:availability:ratio_rate5m',
        op: '>=',
        threshold: 0.1,
        over: '1s',
        timeout: '1m',
      },
    ],
  };
  fs.writeFileSync(
    path.join(dir, 'gamedays', `${GAMEDAY_SCENARIO}.yaml`),
    JSON.stringify(scenario),
  );
  return dir;
}

/** The app-config of every child: the sandbox, fast ticks, short leases. */
export function childConfig(options: {
  endpoints: SandboxEndpoints;
  repoRoot: string;
  database: Record<string, unknown>;
  leaseSeconds?: number;
}): Record<string, unknown> {
  const base = sandboxConfig(options.endpoints, {
    environment: ENVIRONMENT,
    runs: { tickSeconds: 0.1, leaseSeconds: options.leaseSeconds ?? 2 },
    failover: {
      // Longer than users take to reach the secondary (about 2 s): the
      // hold-down is then a phase of its own, where a kill can land.
      holdDownSeconds: 4,
      probeTimeoutMs: 250,
      maxObservationSeconds: 30,
      sustainedSuccesses: 3,
    },
  });
  return {
    ...base,
    backend: { database: options.database },
    ntInfra: {
      ...base.ntInfra,
      repository: { root: options.repoRoot },
    },
  };
}

/** A chaos run request on pods of the staging world. */
export function chaosRequest(options: {
  regions?: string[];
  /** A deployment of the `ntai` namespace (default `ntai-api`). */
  workload?: string;
  duration?: string;
  /** A stop condition that breaches at once: the run rolls back. */
  breach?: boolean;
}) {
  return {
    environment: ENVIRONMENT,
    regions: options.regions ?? ['eastus'],
    template: {
      ...podFailure(options.duration ?? '2s', options.workload),
      stopConditions: [
        options.breach
          ? {
              // Availability is never above 1: breached at the first reading.
              metric: 'ntai:availability:ratio_rate5m',
              op: '<=',
              threshold: 1.01,
              for: '0s',
            }
          : CALM_STOP,
      ],
    },
  };
}

/** The portal's HTTP API, as a user allowed everything. */
export class PortalClient {
  constructor(private baseUrl: string) {}

  /** After a restart the API is served from another port. */
  use(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  private async call<T>(
    method: string,
    p: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${p}`, {
      method,
      headers: {
        authorization: mockCredentials.user.header(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  private async created(
    p: string,
    body: unknown,
    key?: string,
  ): Promise<string> {
    const res = await this.call<{ id: string }>(
      'POST',
      p,
      body,
      key ? { 'idempotency-key': key } : {},
    );
    if (res.status !== 201 && res.status !== 200) {
      throw new Error(
        `POST ${p} answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
    }
    return res.body.id;
  }

  startChaos(body: unknown, key?: string) {
    return this.created('/runs/chaos', body, key);
  }

  startFailover(
    method: 'disable-endpoint' | 'unhealthy' = 'disable-endpoint',
    key?: string,
  ) {
    return this.created(
      '/failover-tests',
      { environment: ENVIRONMENT, fromRegion: 'eastus', method },
      key,
    );
  }

  startGameDay(key?: string) {
    return this.created(
      '/gamedays',
      { scenario: GAMEDAY_SCENARIO, environment: ENVIRONMENT },
      key,
    );
  }

  async abortFailover(id: string) {
    const res = await this.call('POST', `/failover-tests/${id}/abort`, {
      reason: 'crash suite',
    });
    if (res.status >= 300) {
      throw new Error(`abort answered ${res.status}`);
    }
  }

  async run(id: string): Promise<RunDetail> {
    const res = await this.call<RunDetail>('GET', `/runs/${id}`);
    if (res.status !== 200) {
      throw new Error(`GET /runs/${id} answered ${res.status}`);
    }
    return res.body;
  }
}
