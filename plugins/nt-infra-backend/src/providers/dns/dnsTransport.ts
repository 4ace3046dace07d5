import dgram from 'node:dgram';
import net from 'node:net';
import { DnsQueryError } from './DnsQueryError';

/** A resolver to ask, as configured (`host:port`) or as the system lists it. */
export interface DnsServerAddress {
  host: string;
  port: number;
  /** `host:port`, for messages and DnsAnswer.server. */
  label: string;
}

/**
 * Parses `host:port`, `host` (port 53), `[v6]:port` or a bare IPv6 address,
 * the forms of config and of dns.getServers().
 */
export function parseServer(value: string): DnsServerAddress {
  const trimmed = value.trim();
  let host = trimmed;
  let port = 53;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) {
    host = bracketed[1];
    if (bracketed[2]) port = Number(bracketed[2]);
  } else if (trimmed.split(':').length === 2) {
    const [h, p] = trimmed.split(':');
    host = h;
    port = Number(p);
  }
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `Invalid DNS server '${value}': expected host:port, e.g. 127.0.0.1:53`,
    );
  }
  const label = net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
  return { host, port, label };
}

function timeoutError(
  server: DnsServerAddress,
  timeoutMs: number,
  via: string,
) {
  return new DnsQueryError(
    `DNS server ${server.label} did not answer within ${timeoutMs} ms (${via})`,
    'TIMEOUT',
    server.label,
  );
}

function socketError(server: DnsServerAddress, error: NodeJS.ErrnoException) {
  const refused = error.code === 'ECONNREFUSED';
  return new DnsQueryError(
    refused
      ? `DNS server ${server.label} refused the connection (nothing listens there)`
      : `DNS server ${server.label}: ${error.message}`,
    refused ? 'CONNREFUSED' : error.code ?? 'ERROR',
    server.label,
  );
}

/**
 * Sends one query over UDP and resolves with the first datagram carrying the
 * same message id. The socket is connected, so the kernel drops datagrams
 * from anyone but the server, and a closed port fails at once (ICMP port
 * unreachable → ECONNREFUSED) instead of waiting for the timeout.
 */
export function queryUdp(
  server: DnsServerAddress,
  query: Buffer,
  timeoutMs: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(
      net.isIPv6(server.host) ? 'udp6' : 'udp4',
    );
    const timer = setTimeout(
      () => finish(timeoutError(server, timeoutMs, 'UDP')),
      timeoutMs,
    );
    function finish(error: Error | undefined, reply?: Buffer) {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.close();
      if (error) reject(error);
      else resolve(reply!);
    }
    socket.on('error', error => finish(socketError(server, error)));
    socket.on('message', reply => {
      // A late answer to an earlier try carries another id: not ours.
      if (
        reply.length >= 2 &&
        reply.readUInt16BE(0) === query.readUInt16BE(0)
      ) {
        finish(undefined, reply);
      }
    });
    socket.connect(server.port, server.host, () => socket.send(query));
  });
}

/**
 * Sends one query over TCP (RFC 1035 §4.2.2: each message preceded by its
 * two-byte length), for answers too large for a UDP datagram.
 */
export function queryTcp(
  server: DnsServerAddress,
  query: Buffer,
  timeoutMs: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: server.host, port: server.port });
    let received = Buffer.alloc(0);
    const timer = setTimeout(
      () => finish(timeoutError(server, timeoutMs, 'TCP')),
      timeoutMs,
    );
    function finish(error: Error | undefined, reply?: Buffer) {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      if (error) reject(error);
      else resolve(reply!);
    }
    socket.on('error', error => finish(socketError(server, error)));
    socket.on('connect', () => {
      const framed = Buffer.alloc(2 + query.length);
      framed.writeUInt16BE(query.length, 0);
      query.copy(framed, 2);
      socket.write(framed);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 2) {
        const length = received.readUInt16BE(0);
        if (received.length >= 2 + length) {
          finish(undefined, received.subarray(2, 2 + length));
        }
      }
    });
    socket.on('end', () =>
      finish(
        new DnsQueryError(
          `DNS server ${server.label} closed the TCP connection before answering`,
          'BADRESPONSE',
          server.label,
        ),
      ),
    );
  });
}
