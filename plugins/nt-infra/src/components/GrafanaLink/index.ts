export { GrafanaLink } from './GrafanaLink';
export { RunGrafanaLink } from './RunGrafanaLink';
