import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { FAILOVER_TEST_EXPERIMENT } from '@internal/plugin-nt-infra-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { AuditStore } from '../database/AuditStore';
import { ExperimentLibrary } from '../services/ExperimentLibrary';
import { createWindowNotifier } from '../services/notify/windowNotifier';
import { DatabaseWindowStore, WindowService } from '../services/windows';
import { SignallingWindowStore, SignalPublisher } from '../signals';

/**
 * Production chaos windows: requested, approved and expired through one
 * service whose store publishes every change as a signal, approvers told by
 * notification. A window may list only the library's production experiments
 * and the failover test.
 */
export function createWindows(options: {
  db: Knex;
  publisher: SignalPublisher;
  /** `ntInfra.policy.productionMaxFraction`, read by the plugin's settings. */
  productionMaxFraction?: number;
  experiments: Pick<ExperimentLibrary, 'list'>;
  notifications: NotificationService;
  config: Config;
  audit: AuditStore;
  logger: LoggerService;
}): WindowService {
  const { experiments } = options;
  return WindowService.create({
    store: new SignallingWindowStore(
      DatabaseWindowStore.create({ db: options.db }),
      options.publisher,
    ),
    productionMaxFraction: options.productionMaxFraction,
    audit: options.audit,
    logger: options.logger,
    knownExperiments: async () =>
      new Set([
        ...(await experiments.list()).items
          .filter(e => e.environment === 'production')
          .map(e => e.id),
        FAILOVER_TEST_EXPERIMENT,
      ]),
    notify: createWindowNotifier({
      notifications: options.notifications,
      config: options.config,
    }),
  });
}
