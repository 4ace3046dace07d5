import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { createHash } from 'crypto';
import fs from 'fs/promises';
import path from 'path';
import { AuditStore } from '../../database/AuditStore';
import { planChange } from './changeKinds';
import { ChangeRequestStore } from '../../database/ChangeRequestStore';
import { runChecks } from './checks';
import { Slots } from './Slots';
import { assertBranchName, commitMessage, git } from './git';
import { GitHubProvider } from './GitHubProvider';
import { LocalGitProvider } from './LocalGitProvider';
import { GitOpsProvider, Workspace } from './provider';
import {
  ChangePreview,
  ChangeRequest,
  ChangeRequestInput,
  ChangeRequestState,
  CheckResult,
} from './types';

const TARGET = 'change-request';

/** Links shown in the pull request body; built from the portal's base URL. */
export interface PortalLinks {
  run(id: string): string;
  window(id: string): string;
  changeRequest(id: string): string;
}

function failed(checks: CheckResult[]) {
  return checks.filter(c => c.status === 'failed');
}

function refusal(checks: CheckResult[]) {
  return failed(checks)
    .map(c => `${c.name}: ${c.problems.join('; ')}`)
    .join(' | ');
}

/**
 * GitOps change requests: every change of desired state becomes a commit on
 * a branch and a reviewable change request (local remote) or pull request
 * (GitHub), after the same checks CI runs. Nothing is ever applied directly.
 */
export class DefaultGitOpsService {
  constructor(
    private readonly deps: {
      provider: GitOpsProvider;
      store: ChangeRequestStore;
      audit: AuditStore;
      links: PortalLinks;
    },
  ) {}

  /**
   * Applies the change in a throwaway checkout and returns diff and checks.
   * One change at a time: the checks parse and validate whole overlays on
   * the event loop between their child processes, and twenty at once starve
   * the reconciler that evaluates stop conditions (previewBurst.test.ts).
   */
  private prepare(ws: Workspace, input: ChangeRequestInput) {
    return this.checkSlots.run(() => this.prepareNow(ws, input));
  }

  private readonly checkSlots = new Slots(1);

  private async prepareNow(ws: Workspace, input: ChangeRequestInput) {
    const plan = await planChange(ws.dir, input);
    for (const file of plan.files) {
      const target = path.join(ws.dir, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.after, 'utf8');
    }
    const paths = plan.files.map(f => f.path);
    await git(ws.dir, ['add', '--', ...paths]);
    const diff = await git(ws.dir, [
      'diff',
      '--cached',
      '--no-color',
      '--no-ext-diff',
      '--',
      ...paths,
    ]);
    const checks = await runChecks(ws.dir, paths);
    return { plan, paths, diff, checks };
  }

  async preview(input: ChangeRequestInput): Promise<ChangePreview> {
    const ws = await this.deps.provider.checkout();
    try {
      const { plan, paths, diff, checks } = await this.prepare(ws, input);
      return {
        kind: input.kind,
        title: plan.title,
        summary: plan.summary,
        files: paths,
        diff,
        checks,
        ok: failed(checks).length === 0,
      };
    } finally {
      await ws.cleanup();
    }
  }

  async create(
    input: ChangeRequestInput,
    actor: string,
    idempotencyKey?: string,
  ): Promise<{ changeRequest: ChangeRequest; created: boolean }> {
    const { store, audit, provider, links } = this.deps;
    const key = idempotencyKey
      ? {
          key: idempotencyKey,
          requestHash: createHash('sha256')
            .update(JSON.stringify(input))
            .digest('hex'),
        }
      : undefined;
    if (key) {
      const existing = await store.findByIdempotencyKey(actor, key);
      if (existing) return { changeRequest: existing, created: false };
    }
    const ws = await provider.checkout();
    try {
      const { plan, paths, diff, checks } = await this.prepare(ws, input);
      if (failed(checks).length > 0) {
        const reason = `the change fails the IaC checks: ${refusal(checks)}`;
        await audit.append({
          actor,
          action: 'gitops.change.create',
          targetType: TARGET,
          targetId: input.kind,
          decision: 'denied',
          reason,
          details: { params: input.params, checks },
        });
        throw new InputError(`Change refused: ${reason}`);
      }
      const suffix = createHash('sha256')
        .update(`${actor}\n${Date.now()}\n${Math.random()}`)
        .digest('hex')
        .slice(0, 10);
      const branch = await assertBranchName(`nt-infra/${input.kind}/${suffix}`);
      const body = [
        plan.summary.map(s => `- ${s}`).join('\n'),
        `Why: ${input.reason}`,
        ...(input.runId ? [`Motivated by run: ${links.run(input.runId)}`] : []),
        ...(input.windowId
          ? [`Motivated by window: ${links.window(input.windowId)}`]
          : []),
      ].join('\n\n');
      await git(ws.dir, ['checkout', '--quiet', '-b', branch]);
      await git(ws.dir, ['commit', '--quiet', '-F', '-'], {
        input: commitMessage(plan.title, body, actor),
      });
      const published = await provider.publish(ws, {
        branch,
        title: plan.title,
        body: pullRequestBody(body, checks, actor),
        labels: ['nt-infra', `gitops:${input.kind}`],
        files: paths,
      });
      const changeRequest = await store.create(
        {
          kind: input.kind,
          title: plan.title,
          provider: provider.name,
          requestedBy: actor,
          branch: published.branch,
          baseSha: ws.baseSha,
          headSha: published.headSha,
          pullRequestUrl: published.pullRequestUrl,
          pullRequestNumber: published.pullRequestNumber,
          runId: input.runId,
          windowId: input.windowId,
          params: input.params as Record<string, unknown>,
          reason: input.reason,
          diff,
          checks,
        },
        key,
      );
      await audit.append({
        actor,
        action: 'gitops.change.create',
        targetType: TARGET,
        targetId: changeRequest.id,
        decision: 'allowed',
        reason: input.reason,
        details: {
          kind: input.kind,
          branch,
          headSha: published.headSha,
          pullRequestUrl: published.pullRequestUrl,
        },
      });
      return { changeRequest, created: true };
    } finally {
      await ws.cleanup();
    }
  }

  list(page: { state?: ChangeRequestState; limit: number; cursor?: string }) {
    return this.deps.store.list(page);
  }

  async get(
    id: string,
  ): Promise<ChangeRequest & { pullRequestChecks?: string }> {
    const cr = await this.deps.store.get(id);
    if (!cr) throw new NotFoundError(`Change request '${id}' not found`);
    const { provider } = this.deps;
    // GitHub owns review and merge of its pull requests; read their state back.
    if (
      provider instanceof GitHubProvider &&
      cr.pullRequestNumber !== undefined &&
      cr.state === 'open'
    ) {
      const status = await provider.status(cr.pullRequestNumber);
      const current =
        status.state === 'open'
          ? cr
          : await this.deps.store.transition(id, {
              from: ['open'],
              to: status.state,
              actor: 'github',
              reason: `pull request #${cr.pullRequestNumber} was ${status.state} on GitHub`,
            });
      return { ...current, pullRequestChecks: status.checks };
    }
    return cr;
  }

  private local(cr: ChangeRequest): LocalGitProvider {
    const { provider } = this.deps;
    if (cr.provider !== 'local' || !(provider instanceof LocalGitProvider)) {
      throw new ConflictError(
        `Change request '${
          cr.id
        }' is a GitHub pull request; review and merge it on GitHub (${
          cr.pullRequestUrl ?? ''
        })`,
      );
    }
    return provider;
  }

  private async deny(
    actor: string,
    action: string,
    id: string,
    reason: string,
  ): Promise<never> {
    await this.deps.audit.append({
      actor,
      action,
      targetType: TARGET,
      targetId: id,
      decision: 'denied',
      reason,
    });
    throw new NotAllowedError(reason);
  }

  /** Approval by someone other than the requester; enforced here, not in the UI. */
  async approve(
    id: string,
    actor: string,
    comment: string,
  ): Promise<ChangeRequest> {
    const cr = await this.get(id);
    this.local(cr);
    if (cr.requestedBy === actor) {
      return this.deny(
        actor,
        'gitops.change.approve',
        id,
        'the requester cannot approve their own change request',
      );
    }
    const approved = await this.deps.store.transition(id, {
      from: ['open'],
      to: 'approved',
      actor,
      reason: comment,
      approvedBy: actor,
    });
    await this.deps.audit.append({
      actor,
      action: 'gitops.change.approve',
      targetType: TARGET,
      targetId: id,
      decision: 'allowed',
      reason: comment,
      details: { headSha: cr.headSha },
    });
    return approved;
  }

  async merge(id: string, actor: string): Promise<ChangeRequest> {
    const cr = await this.get(id);
    const provider = this.local(cr);
    if (cr.state !== 'approved' || !cr.branch || !cr.headSha) {
      return this.deny(
        actor,
        'gitops.change.merge',
        id,
        `change request is ${cr.state}; only an approved change request can be merged`,
      );
    }
    let checks: CheckResult[] = [];
    let mergedSha: string;
    try {
      mergedSha = await provider.merge(cr.branch, cr.headSha, async ws => {
        const files = (
          await git(ws.dir, ['diff', '--name-only', ws.baseSha, 'HEAD'])
        )
          .split('\n')
          .filter(Boolean);
        checks = await runChecks(ws.dir, files);
        if (failed(checks).length > 0) {
          throw new ConflictError(
            `the checks fail on the result of the merge: ${refusal(checks)}`,
          );
        }
      });
    } catch (error) {
      await this.deps.audit.append({
        actor,
        action: 'gitops.change.merge',
        targetType: TARGET,
        targetId: id,
        decision: 'denied',
        reason: (error as Error).message,
      });
      throw error;
    }
    const merged = await this.deps.store.transition(id, {
      from: ['approved'],
      to: 'merged',
      actor,
      reason: `fast-forwarded to ${mergedSha}`,
      mergedSha,
      checks,
    });
    await this.deps.audit.append({
      actor,
      action: 'gitops.change.merge',
      targetType: TARGET,
      targetId: id,
      decision: 'allowed',
      reason: `fast-forwarded to ${mergedSha}`,
    });
    return merged;
  }

  /** Closing is for the requester, or for an approver (`isApprover`). */
  async close(
    id: string,
    actor: string,
    reason: string,
    isApprover: boolean,
  ): Promise<ChangeRequest> {
    const cr = await this.get(id);
    this.local(cr);
    if (cr.requestedBy !== actor && !isApprover) {
      return this.deny(
        actor,
        'gitops.change.close',
        id,
        'only the requester or an approver can close a change request',
      );
    }
    const closed = await this.deps.store.transition(id, {
      from: ['open', 'approved'],
      to: 'closed',
      actor,
      reason,
    });
    await this.deps.audit.append({
      actor,
      action: 'gitops.change.close',
      targetType: TARGET,
      targetId: id,
      decision: 'allowed',
      reason,
    });
    return closed;
  }
}

function pullRequestBody(body: string, checks: CheckResult[], actor: string) {
  const lines = checks.map(
    c => `- [${c.status === 'passed' ? 'x' : ' '}] ${c.name}`,
  );
  return `${body}\n\n### Checks run by the portal (same as CI)\n\n${lines.join(
    '\n',
  )}\n\nRequested-by: ${actor}\n`;
}
