import fs from 'fs/promises';
import path from 'path';
import { git, tempDir } from '../../gitops/git';

/**
 * A bare repository with a history on main (and a side branch), to answer
 * ancestry questions with real git.
 */
export async function createHistoryRepo() {
  const tmp = await tempDir('delivery');
  const work = path.join(tmp.dir, 'work');
  const remote = path.join(tmp.dir, 'remote.git');
  await fs.mkdir(work);
  await git(work, ['init', '--quiet', '--initial-branch=main']);
  const commit = async (name: string) => {
    await fs.writeFile(path.join(work, 'change.txt'), name);
    await git(work, ['add', 'change.txt']);
    await git(work, ['commit', '--quiet', '-m', name]);
    return (await git(work, ['rev-parse', 'HEAD'])).trim();
  };
  const c1 = await commit('c1');
  const merged = await commit('merged change');
  const later = await commit('later change');
  // A commit that never saw the merged change.
  await git(work, ['checkout', '--quiet', '-b', 'side', c1]);
  const side = await commit('side');
  await git(work, ['checkout', '--quiet', 'main']);
  await git(tmp.dir, ['clone', '--quiet', '--bare', work, remote]);
  return { remote, c1, merged, later, side, cleanup: tmp.cleanup };
}
