export { RunTelemetry } from './RunTelemetry';
export { MeteredAuditStore } from './MeteredAuditStore';
