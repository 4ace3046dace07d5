import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import type {
  ChangePreview,
  ChangeRequest,
} from '@internal/plugin-nt-infra-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createHash } from 'crypto';

export const GITOPS_CHANGE_ACTION_ID = 'nt-infra:gitops:change';

const ERRORS: Record<number, new (message: string, cause?: Error) => Error> = {
  400: InputError,
  401: AuthenticationError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
};

/**
 * nt-infra's answer as the task's error: the same kind of error (so a 403
 * stays a refusal) with nt-infra's own message, which names the field, the
 * permission or the check that refused the change.
 */
async function refusal(response: Response): Promise<Error> {
  const error = await ResponseError.fromResponse(response);
  const message = error.body?.error?.message ?? error.message;
  const Kind = ERRORS[response.status];
  return Kind
    ? new Kind(`nt-infra: ${message}`, error)
    : new Error(`nt-infra answered ${response.status}: ${message}`);
}

/**
 * The idempotency key of one step of one task: a task the scaffolder runs
 * again (recovery, a retried step) finds the change request it already
 * opened instead of opening a second one.
 */
function idempotencyKey(taskId: string, stepId: string | undefined) {
  const step = createHash('sha256')
    .update(stepId ?? '')
    .digest('hex')
    .slice(0, 16);
  return `scaffolder:${taskId}:${step}`;
}

/**
 * `nt-infra:gitops:change`: opens a GitOps change request through nt-infra's
 * own API (`POST /api/nt-infra/gitops/changes`), as the person who runs the
 * template. That route validates the body, checks `nt-infra.gitops.create`
 * with the caller's credentials, runs the IaC checks and writes the audit
 * trail, so this action adds no second policy: what the person may not do on
 * the GitOps page, the template may not do for them. A dry run (the template
 * editor) previews the change instead (`/gitops/changes/preview`): diff and
 * checks, nothing written.
 */
export function createGitOpsChangeAction(deps: {
  auth: AuthService;
  discovery: DiscoveryService;
  /** The portal's base URL, for the change request's page. */
  portalBaseUrl: string;
}) {
  const { auth, discovery } = deps;
  const portal = deps.portalBaseUrl.replace(/\/$/, '');

  async function post(
    path: string,
    credentials: BackstageCredentials,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'nt-infra',
    });
    const baseUrl = await discovery.getBaseUrl('nt-infra');
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw await refusal(response);
    }
    return response.json();
  }

  return createTemplateAction({
    id: GITOPS_CHANGE_ACTION_ID,
    description:
      "Opens a GitOps change request (a branch, a commit and a pull request on this repository's IaC) through the nt-infra portal, as the person running the template: the same validation, IaC checks, permission (nt-infra.gitops.create) and audit trail as the GitOps page. Nothing is applied; someone else approves and merges.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Raise the staging worker autoscaling ceiling',
        example: [
          'steps:',
          '  - id: change',
          `    action: ${GITOPS_CHANGE_ACTION_ID}`,
          '    input:',
          '      kind: scale-workload',
          '      reason: Backlog grows during the nightly import',
          '      params:',
          '        environment: staging',
          '        workload: ntai-worker',
          '        maxReplicas: 6',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        kind: z =>
          z
            .enum([
              'scale-workload',
              'traffic-manager',
              'chaos-experiment',
              'promote',
            ])
            .describe('The change kind, as on the GitOps page'),
        params: z =>
          z
            .record(z.string(), z.unknown())
            .describe(
              "The kind's parameters; nt-infra validates them and names the field it refuses",
            ),
        reason: z =>
          z
            .string()
            .describe('Why; goes into the commit message and pull request'),
        runId: z =>
          z.string().optional().describe('The portal run that motivated it'),
        windowId: z =>
          z
            .string()
            .optional()
            .describe('The production window that motivated it'),
      },
      output: {
        id: z => z.string().optional().describe('The change request id'),
        title: z => z.string().describe('What the change does'),
        url: z =>
          z
            .string()
            .optional()
            .describe("The change request's page in the portal"),
        branch: z => z.string().optional(),
        pullRequestUrl: z => z.string().optional(),
        diff: z => z.string().describe('The unified diff of the change'),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      // Changes are opened by people, each named in the commit's
      // Requested-by trailer: a task started by a service (or by nobody)
      // has no one to act for.
      if (!auth.isPrincipal(credentials, 'user')) {
        throw new NotAllowedError(
          `${GITOPS_CHANGE_ACTION_ID} acts on behalf of a signed-in person; this task was not started by one`,
        );
      }
      const body = {
        kind: ctx.input.kind,
        params: ctx.input.params,
        reason: ctx.input.reason,
        ...(ctx.input.runId ? { runId: ctx.input.runId } : {}),
        ...(ctx.input.windowId ? { windowId: ctx.input.windowId } : {}),
      };

      if (ctx.isDryRun) {
        const preview = (await post(
          '/gitops/changes/preview',
          credentials,
          body,
        )) as ChangePreview;
        for (const check of preview.checks) {
          ctx.logger.info(
            `${check.name}: ${check.status}${
              check.problems.length ? ` (${check.problems.join('; ')})` : ''
            }`,
          );
        }
        ctx.output('title', preview.title);
        ctx.output('diff', preview.diff);
        if (!preview.ok) {
          throw new Error(
            `The change fails the IaC checks: ${preview.checks
              .filter(c => c.status === 'failed')
              .map(c => `${c.name}: ${c.problems.join('; ')}`)
              .join(' | ')}`,
          );
        }
        return;
      }

      const change = (await post('/gitops/changes', credentials, body, {
        'Idempotency-Key': idempotencyKey(ctx.task.id, ctx.step?.id),
      })) as ChangeRequest;
      ctx.logger.info(
        `Opened change request ${change.id} "${change.title}" on branch ${
          change.branch ?? '?'
        } as ${change.requestedBy}`,
      );
      ctx.output('id', change.id);
      ctx.output('title', change.title);
      ctx.output('url', `${portal}/nt-infra/changes/${change.id}`);
      if (change.branch) ctx.output('branch', change.branch);
      if (change.pullRequestUrl) {
        ctx.output('pullRequestUrl', change.pullRequestUrl);
      }
      ctx.output('diff', change.diff);
    },
  });
}
