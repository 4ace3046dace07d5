import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import { PortalTelemetry } from './openTelemetry';

/**
 * Exports what the SDK still buffers (up to one export interval of metrics,
 * the spans of the last batch) when the backend stops: Backstage stops on
 * SIGTERM, which is how Kubernetes ends a pod, and exits right after.
 */
export function flushTelemetryOnShutdown(telemetry: PortalTelemetry) {
  return createBackendFeatureLoader({
    deps: { lifecycle: coreServices.rootLifecycle },
    *loader({ lifecycle }) {
      lifecycle.addShutdownHook(() => telemetry.shutdown());
    },
  });
}
