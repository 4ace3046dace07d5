import { startTestBackend } from '@backstage/backend-test-utils';
import { flushTelemetryOnShutdown } from './flushOnShutdown';

describe('flushTelemetryOnShutdown', () => {
  it('exports what is buffered when the backend stops, not before', async () => {
    const telemetry = { shutdown: jest.fn(async () => undefined) };
    const backend = await startTestBackend({
      features: [flushTelemetryOnShutdown(telemetry)],
    });
    expect(telemetry.shutdown).not.toHaveBeenCalled();
    await backend.stop();
    expect(telemetry.shutdown).toHaveBeenCalledTimes(1);
  });
});
