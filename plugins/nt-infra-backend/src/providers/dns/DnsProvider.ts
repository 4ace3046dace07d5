import { DnsAnswer } from '@internal/plugin-nt-infra-common';

/** Resolves a Traffic Manager FQDN the way clients do, to see which region really serves. */
export interface DnsProvider {
  /** Follows the CNAME chain of `fqdn`; throws on timeouts and resolver errors. */
  resolve(fqdn: string): Promise<DnsAnswer>;
}
