import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import { LOOPBACK } from '../http/serverUtils';
import type { TrafficManager } from '../trafficmanager';
import { answerQuery, formatError, QueryObserver } from './answerQuery';

/**
 * An authoritative DNS server on loopback, UDP and TCP on the same port, so `dig` and any
 * stub resolver (Node's dns.Resolver) can ask for the profile FQDN and see each failover at
 * the moment Traffic Manager switches its answer.
 */
export class DnsServer {
  private udp?: dgram.Socket;
  private tcp?: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly tm: TrafficManager,
    private readonly observe?: QueryObserver,
  ) {}

  /** Binds UDP then TCP on the same port; with port 0 retries until both get one port. */
  async start(port: number): Promise<number> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const udp = dgram.createSocket('udp4');
      const udpPort = await new Promise<number>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(port, LOOPBACK, () => resolve(udp.address().port));
      });
      const tcp = net.createServer(socket => this.onTcp(socket));
      const ok = await new Promise<boolean>(resolve => {
        tcp.once('error', () => resolve(false));
        tcp.listen(udpPort, LOOPBACK, () => resolve(true));
      });
      if (ok) {
        udp.on('message', (msg, rinfo) => this.onUdp(msg, rinfo));
        udp.on('error', () => undefined);
        this.udp = udp;
        this.tcp = tcp;
        return udpPort;
      }
      udp.close();
      if (port !== 0) throw new Error(`DNS: TCP port ${port} is in use`);
    }
    throw new Error('DNS: no free port for both UDP and TCP');
  }

  async stop(): Promise<void> {
    this.sockets.forEach(s => s.destroy());
    await Promise.all([
      new Promise<void>(resolve =>
        this.udp ? this.udp.close(() => resolve()) : resolve(),
      ),
      new Promise<void>(resolve =>
        this.tcp ? this.tcp.close(() => resolve()) : resolve(),
      ),
    ]);
  }

  private respond(message: Buffer): Buffer | undefined {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      // Unparseable: answer FORMERR if there is at least an id to answer to.
      return message.length >= 2
        ? dnsPacket.encode(formatError(message.readUInt16BE(0)))
        : undefined;
    }
    if (query.type === 'response') return undefined;
    try {
      return dnsPacket.encode(answerQuery(query, this.tm, this.observe));
    } catch {
      return dnsPacket.encode({
        ...formatError(query.id ?? 0),
        flags: (1 << 10) | 2,
      });
    }
  }

  private onUdp(msg: Buffer, rinfo: dgram.RemoteInfo) {
    const reply = this.respond(msg);
    if (reply) this.udp?.send(reply, rinfo.port, rinfo.address);
  }

  /** DNS over TCP: each message is preceded by its 2-byte length (RFC 1035 §4.2.2). */
  private onTcp(socket: net.Socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2) {
        const length = buffer.readUInt16BE(0);
        if (buffer.length < 2 + length) break;
        const reply = this.respond(buffer.subarray(2, 2 + length));
        buffer = buffer.subarray(2 + length);
        if (reply) {
          const framed = Buffer.alloc(2 + reply.length);
          framed.writeUInt16BE(reply.length, 0);
          reply.copy(framed, 2);
          socket.write(framed);
        }
      }
    });
  }
}
