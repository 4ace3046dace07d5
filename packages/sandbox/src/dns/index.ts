export { DnsServer } from './DnsServer';
export { answerQuery, SANDBOX_ZONE } from './answerQuery';
export type { QueryObserver } from './answerQuery';
