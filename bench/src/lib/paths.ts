import path from 'node:path';
import { findRepoRoot } from '@internal/sandbox';

/** The repository root: `yarn bench` runs in bench/, right under it. */
export const REPO_ROOT = findRepoRoot();
export const BENCH_DIR = path.join(REPO_ROOT, 'bench');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
export const BACKEND_DIR = path.join(REPO_ROOT, 'packages', 'backend');
export const APP_DIR = path.join(REPO_ROOT, 'packages', 'app');
/** Backstage's CLI, run with this Node for the app's build and dev server. */
export const BACKSTAGE_CLI = path.join(
  REPO_ROOT,
  'node_modules',
  '@backstage',
  'cli',
  'bin',
  'backstage-cli',
);
