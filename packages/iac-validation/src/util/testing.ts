/* eslint-disable jest/no-export, jest/valid-title, jest/valid-describe-callback, jest/expect-expect, jest/no-disabled-tests */
// Shared helpers for this package's suites; the jest rules above target test files, not helpers.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { hasTool, installHint } from './tools';

/** The repository root, four levels above this file (packages/iac-validation/src/util). */
// eslint-disable-next-line no-restricted-syntax -- tests always run from source
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Copies the named top-level folders of the repository into a fresh temp dir for fault planting. */
export function copyRepo(folders: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-validation-'));
  for (const folder of folders) {
    fs.cpSync(path.join(REPO_ROOT, folder), path.join(root, folder), {
      recursive: true,
    });
  }
  return root;
}

/**
 * Replaces text in a copied file and fails loudly when the text is absent, so a planted fault
 * can never silently turn into a no-op after the real file changes.
 */
export function plant(
  root: string,
  rel: string,
  from: string | RegExp,
  to: string,
) {
  const file = path.join(root, rel);
  const text = fs.readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) {
    throw new Error(`fault not planted: ${String(from)} not found in ${rel}`);
  }
  fs.writeFileSync(file, next);
}

export function removeTemp(root: string) {
  fs.rmSync(root, { recursive: true, force: true });
}

/**
 * `describe` for suites that need an external tool. In CI (CI=true) a missing tool is a
 * failure with an install hint; locally the suite is skipped and says why.
 */
export function describeWithTool(tool: string, name: string, body: () => void) {
  describeRequiring(
    name,
    hasTool(tool)
      ? undefined
      : `${tool} is not installed; ${installHint(tool)}`,
    body,
  );
}

/**
 * `describe` for suites with a prerequisite outside the repository; `missing` says why it
 * is absent (undefined when present). CI (CI=true) fails with that reason, a local run
 * skips the suite and prints it.
 */
export function describeRequiring(
  name: string,
  missing: string | undefined,
  body: () => void,
) {
  if (!missing) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has its prerequisite', () => {
        throw new Error(`${missing}; CI fails instead of skipping`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED "${name}": ${missing}; CI fails instead of skipping.`);
  describe.skip(name, body);
}

/**
 * The reference data shared beside the repository (../shared/reference), or NT_REFERENCE_DIR
 * when set (e.g. to check that CI fails without it).
 */
export const REFERENCE_DIR = path.resolve(
  process.env.NT_REFERENCE_DIR ?? path.join(REPO_ROOT, '../shared/reference'),
);
