import { InputError } from '@backstage/errors';
import { execFile } from 'child_process';
import fs from 'fs/promises';
import os from 'os';
import path from 'path';

/** Who the portal commits as; the requester is named in a `Requested-by` trailer. */
export const PORTAL_IDENTITY = {
  name: 'nt-infra portal',
  email: 'nt-infra-portal@users.noreply.local',
};

/**
 * Settings forced on every git call: the host's or repository's hooks, signing
 * and credential helpers must not change what the portal commits, or prompt.
 */
const FORCED_CONFIG = [
  `user.name=${PORTAL_IDENTITY.name}`,
  `user.email=${PORTAL_IDENTITY.email}`,
  'commit.gpgsign=false',
  'tag.gpgsign=false',
  'core.hooksPath=/dev/null',
  'init.defaultBranch=main',
  'advice.detachedHead=false',
  'protocol.file.allow=always',
];

/**
 * Runs git with an argument array (never a shell), so no value can be read as
 * shell syntax. Callers pass `--` before paths and validate refs with `assertBranchName`.
 */
export function git(
  cwd: string,
  args: string[],
  options: { input?: string } = {},
): Promise<string> {
  const configArgs = FORCED_CONFIG.flatMap(c => ['-c', c]);
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...configArgs, ...args],
      {
        cwd,
        maxBuffer: 32 * 1024 * 1024,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? os.tmpdir(),
          GIT_TERMINAL_PROMPT: '0',
          GIT_CONFIG_NOSYSTEM: '1',
          // Stable dates would hide real ordering; only the locale is pinned for parsable output.
          LC_ALL: 'C',
        },
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `git ${args[0]} failed: ${
                String(stderr).trim() || error.message
              }`,
            ),
          );
        } else {
          resolve(String(stdout));
        }
      },
    );
    if (options.input !== undefined) {
      child.stdin?.end(options.input);
    }
  });
}

/** True when `git` exits 0; for yes/no questions such as `merge-base --is-ancestor`. */
export async function gitSucceeds(cwd: string, args: string[]) {
  try {
    await git(cwd, args);
    return true;
  } catch {
    return false;
  }
}

const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

/**
 * Branch names come from configuration or are generated; both are checked
 * against a conservative pattern and git's own rules before any use.
 */
export async function assertBranchName(name: string): Promise<string> {
  if (
    !BRANCH.test(name) ||
    name.includes('..') ||
    name.endsWith('.lock') ||
    name.endsWith('/') ||
    !(await gitSucceeds(os.tmpdir(), ['check-ref-format', '--branch', name]))
  ) {
    throw new InputError(`'${name}' is not an allowed branch name`);
  }
  return name;
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(prefix: string) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `nt-gitops-${prefix}-`));
  return {
    dir,
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/** The commit message: subject, body and the requester trailer reviewers and audits rely on. */
export function commitMessage(subject: string, body: string, actor: string) {
  return `${subject}\n\n${body.trim()}\n\nRequested-by: ${actor}\n`;
}
