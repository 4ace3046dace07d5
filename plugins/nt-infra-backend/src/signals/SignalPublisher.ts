import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { NtInfraSignal } from '@internal/plugin-nt-infra-common';

/**
 * Broadcasts nt-infra changes on Backstage signals. Best effort by design:
 * the row in the database is the record and is already committed when this
 * runs, so a failed publish is logged and the viewer's fallback poll (or
 * its next signal) catches up; it never fails the transition.
 */
export class SignalPublisher {
  constructor(
    private readonly signals: Pick<SignalsService, 'publish'>,
    private readonly logger: LoggerService,
  ) {}

  publish(channels: string[], message: NtInfraSignal): void {
    for (const channel of channels) {
      this.signals
        .publish({
          recipients: { type: 'broadcast' },
          channel,
          // Signals carry JSON; the message types are plain JSON objects.
          message: { ...message },
        })
        .catch(error =>
          this.logger.warn(`nt-infra signal on ${channel} failed: ${error}`),
        );
    }
  }
}
