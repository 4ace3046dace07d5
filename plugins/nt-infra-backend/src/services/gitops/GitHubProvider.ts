import { ConflictError, InputError } from '@backstage/errors';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import fs from 'fs/promises';
import path from 'path';
import { assertBranchName, git, tempDir } from './git';
import {
  GitOpsProvider,
  PublishRequest,
  Published,
  Workspace,
} from './provider';

/** The IaC folders a change may touch or its checks read. */
const SNAPSHOT_DIRS = ['terraform', 'kubernetes', 'monitoring'];

export interface GitHubOptions {
  owner: string;
  repo: string;
  baseBranch: string;
  baseUrl?: string;
  token?: string;
  app?: { appId: number; privateKey: string; installationId: number };
}

/** The message GitHub gives with an error (422s carry the reason in `errors`). */
function explain(error: unknown, what: string): Error {
  const e = error as {
    status?: number;
    response?: {
      data?: {
        message?: string;
        errors?: Array<{ message?: string; code?: string }>;
      };
    };
  };
  if (typeof e.status !== 'number') return error as Error;
  const details = (e.response?.data?.errors ?? [])
    .map(x => x.message ?? x.code)
    .filter(Boolean);
  const message = `GitHub refused to ${what} (${e.status}): ${
    e.response?.data?.message ?? 'no message'
  }${details.length ? ` — ${details.join('; ')}` : ''}`;
  return e.status === 422 || e.status === 409
    ? new ConflictError(message)
    : new Error(message);
}

/**
 * Pull requests on GitHub through the REST API: blobs, a tree on top of the
 * base branch's tree, a commit, a branch ref, the pull request and labels.
 * The change is made and checked locally on a snapshot of the portal's
 * checkout; before publishing, the touched files on GitHub must still be the
 * ones the change was computed from.
 */
export class GitHubProvider implements GitOpsProvider {
  readonly name = 'github' as const;

  private constructor(
    private readonly octokit: Octokit,
    private readonly options: GitHubOptions,
    private readonly repoRoot: string,
  ) {}

  static async create(options: GitHubOptions, repoRoot: string) {
    await assertBranchName(options.baseBranch);
    if (!options.token && !options.app) {
      throw new InputError('ntInfra.gitops.github needs a token or app');
    }
    const octokit = options.app
      ? new Octokit({
          baseUrl: options.baseUrl,
          authStrategy: createAppAuth,
          auth: options.app,
        })
      : new Octokit({ baseUrl: options.baseUrl, auth: options.token });
    return new GitHubProvider(octokit, options, repoRoot);
  }

  async checkout(): Promise<Workspace> {
    const { dir, cleanup } = await tempDir('github');
    try {
      for (const sub of SNAPSHOT_DIRS) {
        await fs
          .cp(path.join(this.repoRoot, sub), path.join(dir, sub), {
            recursive: true,
          })
          .catch(e => {
            if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
          });
      }
      await git(dir, ['init', '--quiet']);
      await git(dir, ['add', '--all']);
      await git(dir, [
        'commit',
        '--quiet',
        '-m',
        'snapshot of the portal checkout',
      ]);
      return {
        dir,
        baseSha: (await git(dir, ['rev-parse', 'HEAD'])).trim(),
        cleanup,
      };
    } catch (error) {
      await cleanup();
      throw error;
    }
  }

  private get repo() {
    return { owner: this.options.owner, repo: this.options.repo };
  }

  /** Refuses when GitHub's base branch holds another version of a touched file than the snapshot. */
  private async assertUpToDate(ws: Workspace, files: string[]) {
    for (const file of files) {
      const local = await git(ws.dir, ['ls-tree', ws.baseSha, '--', file]);
      const localSha = local.trim() ? local.split(/\s+/)[2] : undefined;
      let remoteSha: string | undefined;
      try {
        const { data } = await this.octokit.repos.getContent({
          ...this.repo,
          path: file,
          ref: this.options.baseBranch,
        });
        remoteSha = Array.isArray(data) ? undefined : data.sha;
      } catch (error) {
        if ((error as { status?: number }).status !== 404)
          throw explain(error, `read ${file}`);
      }
      if (remoteSha !== localSha) {
        throw new ConflictError(
          `${file} on ${this.options.baseBranch} differs from the portal's checkout; the change was computed from an outdated copy`,
        );
      }
    }
  }

  async publish(ws: Workspace, request: PublishRequest): Promise<Published> {
    const branch = await assertBranchName(request.branch);
    await this.assertUpToDate(ws, request.files);
    const gh = this.octokit;
    try {
      const { data: ref } = await gh.git.getRef({
        ...this.repo,
        ref: `heads/${this.options.baseBranch}`,
      });
      const baseSha = ref.object.sha;
      const { data: baseCommit } = await gh.git.getCommit({
        ...this.repo,
        commit_sha: baseSha,
      });
      const tree = [];
      for (const file of request.files) {
        const content = await fs.readFile(path.join(ws.dir, file), 'utf8');
        const { data: blob } = await gh.git.createBlob({
          ...this.repo,
          content,
          encoding: 'utf-8',
        });
        tree.push({
          path: file,
          mode: '100644' as const,
          type: 'blob' as const,
          sha: blob.sha,
        });
      }
      const { data: newTree } = await gh.git.createTree({
        ...this.repo,
        base_tree: baseCommit.tree.sha,
        tree,
      });
      const message = await git(ws.dir, ['log', '-1', '--format=%B']);
      const { data: commit } = await gh.git.createCommit({
        ...this.repo,
        message: message.trimEnd(),
        tree: newTree.sha,
        parents: [baseSha],
      });
      await gh.git.createRef({
        ...this.repo,
        ref: `refs/heads/${branch}`,
        sha: commit.sha,
      });
      const { data: pull } = await gh.pulls.create({
        ...this.repo,
        title: request.title,
        head: branch,
        base: this.options.baseBranch,
        body: request.body,
      });
      await gh.issues.addLabels({
        ...this.repo,
        issue_number: pull.number,
        labels: request.labels,
      });
      return {
        branch,
        headSha: commit.sha,
        pullRequestUrl: pull.html_url,
        pullRequestNumber: pull.number,
      };
    } catch (error) {
      throw explain(error, 'open the pull request');
    }
  }

  /** The pull request's state and the combined commit status, read back for the detail view. */
  async status(pullNumber: number) {
    try {
      const { data: pull } = await this.octokit.pulls.get({
        ...this.repo,
        pull_number: pullNumber,
      });
      const { data: combined } =
        await this.octokit.repos.getCombinedStatusForRef({
          ...this.repo,
          ref: pull.head.sha,
        });
      let state: 'open' | 'merged' | 'closed' = 'open';
      if (pull.merged) state = 'merged';
      else if (pull.state === 'closed') state = 'closed';
      return {
        state,
        checks: combined.state,
      };
    } catch (error) {
      throw explain(error, `read pull request #${pullNumber}`);
    }
  }
}
