import { CHAOS_LIBRARY_DIR } from '@internal/iac-validation';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The checkout of this repository the portal reads IaC from:
 * `ntInfra.repository.root` when set, otherwise the nearest folder above the
 * working directory that holds the chaos-experiment library.
 */
export function resolveRepoRoot(configured?: string): string {
  if (configured) {
    return path.resolve(configured);
  }
  let dir = path.resolve(process.cwd());
  for (;;) {
    if (fs.existsSync(path.join(dir, CHAOS_LIBRARY_DIR))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `No ${CHAOS_LIBRARY_DIR} above ${process.cwd()}; set ntInfra.repository.root`,
      );
    }
    dir = parent;
  }
}
