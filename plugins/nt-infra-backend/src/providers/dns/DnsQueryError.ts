/**
 * Why a DNS query gave no usable answer: `TIMEOUT` (no server answered in
 * time), `CONNREFUSED` (nothing listens), an RCODE the server sent
 * (`NXDOMAIN`, `SERVFAIL`, `REFUSED`, …), `NODATA` (the name exists but has
 * no A or CNAME record) or `BADRESPONSE` (an answer we cannot trust).
 * Callers show any of them as `unavailable`; the message says which.
 */
export class DnsQueryError extends Error {
  override readonly name = 'DnsQueryError';

  constructor(
    message: string,
    readonly code: string,
    /** The resolver that gave this answer (`host:port`), or the list tried. */
    readonly server: string,
  ) {
    super(message);
  }
}
