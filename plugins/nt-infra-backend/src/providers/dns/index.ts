export { ResolverDnsProvider } from './ResolverDnsProvider';
export { DnsQueryError } from './DnsQueryError';
export type { DnsProvider } from './DnsProvider';
