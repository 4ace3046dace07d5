import { SandboxEndpoints } from '@internal/sandbox';
import net from 'node:net';

/**
 * TCP pass-throughs in front of the sandbox's upstreams (Kubernetes APIs, ARM,
 * Prometheus) that a kill point can close. A backend child is killed from
 * this process some time after the test sees the state it wants; on a loaded
 * machine that takes seconds, and the child used to move on meanwhile (apply
 * the fault the next kill point waits for, say). While the gate is held no
 * byte passes in either direction, so the child cannot change or learn
 * anything upstream between the state being seen and the kill: it is killed
 * in that state however slow the machine is. Connections held when the child
 * dies are dropped, as a dead host's would be.
 */
export class UpstreamGate {
  private held = false;
  private readonly sockets = new Set<net.Socket>();
  private readonly servers: net.Server[] = [];

  /** The endpoints with every gated upstream's URL pointing at its gate. */
  async front(endpoints: SandboxEndpoints): Promise<SandboxEndpoints> {
    return {
      ...endpoints,
      arm: {
        ...endpoints.arm,
        endpoint: await this.gate(endpoints.arm.endpoint),
      },
      prometheus: await this.gate(endpoints.prometheus),
      clusters: await Promise.all(
        endpoints.clusters.map(async c => ({
          ...c,
          url: await this.gate(c.url),
        })),
      ),
    };
  }

  /** From now on nothing passes, in either direction. */
  hold() {
    this.held = true;
    for (const socket of this.sockets) socket.pause();
  }

  /** Drops what was held (its backend is dead) and lets new connections through. */
  release() {
    if (!this.held) return;
    this.held = false;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async close() {
    this.release();
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(
      this.servers.map(s => new Promise(resolve => s.close(resolve))),
    );
  }

  private track(socket: net.Socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    // A reset from either side ends the pair; the other side sees it closed.
    socket.on('error', () => socket.destroy());
    if (this.held) socket.pause();
  }

  private async gate(url: string): Promise<string> {
    const target = new URL(url);
    const server = net.createServer(client => {
      const upstream = net.connect(Number(target.port), target.hostname);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ]) {
        from.on('data', chunk => to.write(chunk));
        from.on('end', () => to.end());
        from.on('close', () => to.destroy());
      }
      this.track(client);
      this.track(upstream);
    });
    this.servers.push(server);
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, target.hostname, () =>
        resolve((server.address() as net.AddressInfo).port),
      );
    });
    return url.replace(`:${target.port}`, `:${port}`);
  }
}
