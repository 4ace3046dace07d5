import type { Server } from 'node:http';

/**
 * Requests served per listening port, so benchmarks can count what the portal
 * really costs its upstreams (ARM, each Kubernetes API, Prometheus) without
 * guessing from its own logs. Keyed by port because every server of every
 * sandbox in a process listens on its own one.
 */
const counts = new Map<number, number>();

/** Starts counting the requests `server` receives on `port` (from zero). */
export function countRequests(server: Server, port: number) {
  counts.set(port, 0);
  server.on('request', () => {
    counts.set(port, (counts.get(port) ?? 0) + 1);
  });
  server.once('close', () => counts.delete(port));
}

/** Requests received so far on `port`; undefined for a port nothing counts. */
export function requestCount(port: number): number | undefined {
  return counts.get(port);
}
