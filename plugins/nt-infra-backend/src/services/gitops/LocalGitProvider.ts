import { ConflictError } from '@backstage/errors';
import { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'fs';
import path from 'path';
import { assertBranchName, git, gitSucceeds, tempDir } from './git';
import {
  GitOpsProvider,
  PublishRequest,
  Published,
  Workspace,
} from './provider';

/**
 * The embedded default: a bare repository on disk acting as the remote, with
 * change requests reviewed, approved and merged (fast-forward only) in the
 * portal. Everything is real git through the CLI.
 */
export class LocalGitProvider implements GitOpsProvider {
  readonly name = 'local' as const;
  private ready?: Promise<void>;
  // One remote-changing operation at a time in this process; git's ref
  // updates (non-force push) keep other processes from losing commits.
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly remote: string,
    private readonly repoRoot: string,
    private readonly baseBranch: string,
    private readonly logger: LoggerService,
  ) {}

  static async create(options: {
    remote: string;
    repoRoot: string;
    baseBranch?: string;
    logger: LoggerService;
  }) {
    const remote = path.resolve(options.repoRoot, options.remote);
    return new LocalGitProvider(
      remote,
      options.repoRoot,
      await assertBranchName(options.baseBranch ?? 'main'),
      options.logger,
    );
  }

  /**
   * The sandbox does not create the remote, so it is created on first use: a
   * bare repository holding the repository's current HEAD as the base branch.
   */
  private ensureRemote(): Promise<void> {
    this.ready ??= (async () => {
      if (fs.existsSync(path.join(this.remote, 'HEAD'))) return;
      fs.mkdirSync(this.remote, { recursive: true });
      await git(this.remote, [
        'init',
        '--quiet',
        '--bare',
        `--initial-branch=${this.baseBranch}`,
      ]);
      await git(this.repoRoot, [
        'push',
        '--quiet',
        this.remote,
        `HEAD:refs/heads/${this.baseBranch}`,
      ]);
      this.logger.info(
        `Created the local GitOps remote ${this.remote} from ${this.repoRoot}`,
      );
    })().catch(error => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async checkout(ref?: string): Promise<Workspace> {
    await this.ensureRemote();
    const { dir, cleanup } = await tempDir('local');
    try {
      await git(dir, [
        'clone',
        '--quiet',
        '--no-hardlinks',
        '--branch',
        this.baseBranch,
        '--',
        this.remote,
        'repo',
      ]);
      const repo = path.join(dir, 'repo');
      if (ref) {
        await git(repo, [
          'fetch',
          '--quiet',
          'origin',
          `refs/heads/${await assertBranchName(ref)}`,
        ]);
        await git(repo, ['checkout', '--quiet', '--detach', 'FETCH_HEAD']);
      }
      const baseSha = (
        await git(repo, ['rev-parse', `refs/remotes/origin/${this.baseBranch}`])
      ).trim();
      return { dir: repo, baseSha, cleanup };
    } catch (error) {
      await cleanup();
      throw error;
    }
  }

  async publish(ws: Workspace, request: PublishRequest): Promise<Published> {
    return this.serialize(async () => {
      await git(ws.dir, [
        'push',
        '--quiet',
        'origin',
        `HEAD:refs/heads/${await assertBranchName(request.branch)}`,
      ]);
      const headSha = (await git(ws.dir, ['rev-parse', 'HEAD'])).trim();
      return { branch: request.branch, headSha };
    });
  }

  /**
   * Fast-forwards the base branch to the approved commit. Refused when the
   * branch moved after approval or the base moved so that it no longer
   * fast-forwards; `verify` re-runs the checks on exactly the tree that
   * would become the new base.
   */
  async merge(
    branch: string,
    approvedSha: string,
    verify: (ws: Workspace) => Promise<void>,
  ): Promise<string> {
    return this.serialize(async () => {
      const ws = await this.checkout(branch);
      try {
        const head = (await git(ws.dir, ['rev-parse', 'HEAD'])).trim();
        if (head !== approvedSha) {
          throw new ConflictError(
            `Branch ${branch} is at ${head.slice(
              0,
              12,
            )}, not the approved ${approvedSha.slice(
              0,
              12,
            )}; it needs a new review`,
          );
        }
        if (
          !(await gitSucceeds(ws.dir, [
            'merge-base',
            '--is-ancestor',
            ws.baseSha,
            head,
          ]))
        ) {
          throw new ConflictError(
            `${this.baseBranch} moved since ${branch} was created and it no longer fast-forwards; close this change request and create it again`,
          );
        }
        await verify(ws);
        // A plain (non-force) push is itself fast-forward only: if the base
        // moved since the fetch, git rejects it rather than dropping commits.
        await git(ws.dir, [
          'push',
          '--quiet',
          'origin',
          `${head}:refs/heads/${this.baseBranch}`,
        ]);
        return head;
      } finally {
        await ws.cleanup();
      }
    });
  }
}
