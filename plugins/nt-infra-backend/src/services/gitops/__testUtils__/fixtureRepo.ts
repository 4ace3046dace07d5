import fs from 'fs/promises';
import path from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { git, tempDir } from '../git';
import { LocalGitProvider } from '../LocalGitProvider';

/** The real repository's IaC, which every test edits a copy of. */
export const REAL_ROOT = path.resolve(__dirname, '../../../../../..');

/**
 * A temporary git repository holding a copy of this repository's IaC
 * (terraform/, kubernetes/, monitoring/), committed on main, plus a path for
 * the local provider's bare remote (created by the provider on first use).
 */
export async function createFixtureRepo() {
  const tmp = await tempDir('fixture');
  const root = path.join(tmp.dir, 'repo');
  for (const sub of ['terraform', 'kubernetes', 'monitoring']) {
    await fs.cp(path.join(REAL_ROOT, sub), path.join(root, sub), {
      recursive: true,
    });
  }
  await git(root, ['init', '--quiet']);
  await git(root, ['add', '--all']);
  await git(root, ['commit', '--quiet', '-m', 'fixture']);
  const remote = path.join(tmp.dir, 'remote.git');
  const provider = await LocalGitProvider.create({
    remote,
    repoRoot: root,
    logger: mockServices.logger.mock(),
  });
  return { root, remote, provider, cleanup: tmp.cleanup };
}

/** A file's content on a branch of a repository (the bare remote, usually). */
export function show(repo: string, ref: string, file: string) {
  return git(repo, ['show', `${ref}:${file}`]);
}
