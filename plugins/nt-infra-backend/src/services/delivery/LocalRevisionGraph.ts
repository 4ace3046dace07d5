import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import { AncestryCache, assertSha, RevisionGraph } from './RevisionGraph';

function runGit(
  cwd: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      'git',
      ['-c', 'core.hooksPath=/dev/null', ...args],
      {
        cwd,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? os.tmpdir(),
          GIT_TERMINAL_PROMPT: '0',
          GIT_CONFIG_NOSYSTEM: '1',
          LC_ALL: 'C',
        },
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) {
          const exit = (error as { code?: unknown }).code;
          // A number is git's exit status; a string (ENOENT ...) means git did not run.
          code = typeof exit === 'number' ? exit : -1;
        }
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/**
 * The local GitOps remote (the bare repository the local provider merges
 * into): `git rev-parse` and `git merge-base --is-ancestor` on it.
 */
export class LocalRevisionGraph implements RevisionGraph {
  private readonly cache = new AncestryCache();

  constructor(
    private readonly remote: string,
    private readonly baseBranch: string,
  ) {}

  async head(): Promise<string> {
    if (!fs.existsSync(this.remote)) {
      // Reasons reach every reader of the delivery view: name no machine path.
      throw new Error(
        'the local GitOps remote does not exist yet (the first change request creates it)',
      );
    }
    const { code, stdout, stderr } = await runGit(this.remote, [
      'rev-parse',
      '--verify',
      `refs/heads/${this.baseBranch}^{commit}`,
    ]);
    if (code !== 0) {
      throw new Error(
        `cannot read ${this.baseBranch} of the local GitOps remote: ${
          stderr.split(this.remote).join('<remote>').trim() ||
          `git exited with ${code}`
        }`,
      );
    }
    return stdout.trim();
  }

  contains(ancestor: string, descendant: string): Promise<boolean> {
    assertSha(ancestor, 'commit');
    assertSha(descendant, 'commit');
    return this.cache.get(ancestor, descendant, async () => {
      const { code, stderr } = await runGit(this.remote, [
        'merge-base',
        '--is-ancestor',
        ancestor,
        descendant,
      ]);
      // 0: ancestor; 1: not; anything else: a commit git does not know.
      if (code === 0) return true;
      if (code === 1) return false;
      throw new Error(
        `git cannot relate ${ancestor.slice(0, 12)} and ${descendant.slice(
          0,
          12,
        )}: ${stderr.trim() || `exit ${code}`}`,
      );
    });
  }
}
