export { startOpenTelemetry, PORTAL_SERVICE_NAME } from './openTelemetry';
export type { PortalTelemetry } from './openTelemetry';
export { flushTelemetryOnShutdown } from './flushOnShutdown';
