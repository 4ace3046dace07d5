export { RunTimeline } from './RunTimeline';
