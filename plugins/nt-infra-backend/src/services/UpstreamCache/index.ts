export { UpstreamCache } from './UpstreamCache';
