import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';

/** How the fake answers a decoded query; `undefined` stays silent. */
export type FakeDnsAnswer = (
  query: dnsPacket.DecodedPacket,
  transport: 'udp' | 'tcp',
) => dnsPacket.Packet | undefined;

export interface FakeDnsServer {
  /** `127.0.0.1:port`, UDP and TCP. */
  server: string;
  queries: { transport: 'udp' | 'tcp'; name: string }[];
  stop(): Promise<void>;
}

/**
 * A scripted DNS server on loopback (UDP and TCP on one port) for answers the
 * sandbox does not give: truncation, SERVFAIL, silence, odd TTLs.
 */
export async function startFakeDnsServer(
  answer: FakeDnsAnswer,
): Promise<FakeDnsServer> {
  const queries: FakeDnsServer['queries'] = [];
  const respond = (message: Buffer, transport: 'udp' | 'tcp') => {
    const query = dnsPacket.decode(message);
    queries.push({ transport, name: query.questions?.[0]?.name ?? '' });
    const reply = answer(query, transport);
    return reply && dnsPacket.encode({ id: query.id, ...reply });
  };
  for (;;) {
    const udp = dgram.createSocket('udp4');
    const port = await new Promise<number>(resolve =>
      udp.bind(0, '127.0.0.1', () => resolve(udp.address().port)),
    );
    udp.on('message', (message, from) => {
      const reply = respond(message, 'udp');
      if (reply) udp.send(reply, from.port, from.address);
    });
    const sockets = new Set<net.Socket>();
    const tcp = net.createServer(socket => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('data', (chunk: Buffer) => {
        // Test queries are small: each arrives in one chunk.
        const reply = respond(chunk.subarray(2), 'tcp');
        if (!reply) return;
        const framed = Buffer.alloc(2 + reply.length);
        framed.writeUInt16BE(reply.length, 0);
        reply.copy(framed, 2);
        socket.write(framed);
      });
    });
    const listening = await new Promise<boolean>(resolve => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!listening) {
      // The TCP port was taken: try another UDP port.
      udp.close();
      continue;
    }
    return {
      server: `127.0.0.1:${port}`,
      queries,
      stop: async () => {
        sockets.forEach(s => s.destroy());
        await Promise.all([
          new Promise<void>(resolve => udp.close(() => resolve())),
          new Promise<void>(resolve => tcp.close(() => resolve())),
        ]);
      },
    };
  }
}
