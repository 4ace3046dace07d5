import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { WindowNotification } from '../windows';

const TITLES: Record<WindowNotification['kind'], string> = {
  'window.requested': 'Production chaos window awaits your approval',
  'window.approved': 'Your production chaos window was approved',
  'window.rejected': 'Your production chaos window was rejected',
  'window.cancelled': 'A production chaos window was cancelled',
  'window.expired': 'A production chaos window expired undecided',
};

/**
 * Sends window events as Backstage notifications: requests to the approver
 * groups of `permission.roles.approver` (never to the requester), decisions
 * to the requester.
 */
export function createWindowNotifier(options: {
  notifications: NotificationService;
  config: Config;
}) {
  const approvers =
    options.config.getOptionalStringArray('permission.roles.approver') ?? [];
  return async (event: WindowNotification) => {
    const { window } = event;
    const recipients =
      event.audience === 'approvers'
        ? {
            type: 'entity' as const,
            entityRef: approvers,
            excludeEntityRef: window.requestedBy,
          }
        : { type: 'entity' as const, entityRef: window.requestedBy };
    if (recipients.entityRef.length === 0) {
      return;
    }
    await options.notifications.send({
      recipients,
      payload: {
        title: TITLES[event.kind],
        description: `${window.environment} ${window.startsAt} – ${
          window.endsAt
        }, regions ${window.limits.regions.join(
          ', ',
        )}, experiments ${window.limits.experiments.join(', ')} (by ${
          event.actor
        })`,
        link: `/nt-infra/windows?id=${encodeURIComponent(window.id)}`,
        severity: event.kind === 'window.requested' ? 'high' : 'normal',
        topic: 'nt-infra chaos windows',
        scope: `nt-infra-window-${window.id}`,
      },
    });
  };
}
