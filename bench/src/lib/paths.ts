import path from 'node:path';
import { findRepoRoot } from '@internal/sandbox';

/** The repository root: `yarn bench` runs in bench/, right under it. */
export const REPO_ROOT = findRepoRoot();
export const BENCH_DIR = path.join(REPO_ROOT, 'bench');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
export const BACKEND_DIR = path.join(REPO_ROOT, 'packages', 'backend');
export const APP_DIR = path.join(REPO_ROOT, 'packages', 'app');
