#!/usr/bin/env node
// Whether packages/app/dist, the production build `./portal start` serves
// through the backend, is still the build of today's sources. A content hash
// of everything that goes into the bundle is stamped next to the build; the
// build is stale when the stamp is missing or names another hash. Content,
// not modification times: a checkout or `git stash` touches files without
// changing them, and a rebuild costs minutes on a 2-core machine.
//
//   node tools/lib/app-build.js hash         print the sources' hash
//   node tools/lib/app-build.js check HASH   exit 0 if the build is of HASH, else 1 and why
//   node tools/lib/app-build.js stamp HASH   record that the build is of HASH
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** Workspace roles that end up in the browser bundle; backend code does not. */
const BUNDLED_ROLES = new Set([
  'frontend',
  'frontend-plugin',
  'frontend-plugin-module',
  'web-library',
  'common-library',
]);

/** Never inputs of the bundle: outputs, dependencies, and tests. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'dist-types',
  'coverage',
]);
const TEST_FILE = /\.test\.[cm]?[jt]sx?$/;

/** Files of the repo root read by the build: dependency versions and config. */
const ROOT_INPUTS = [
  'package.json',
  'yarn.lock',
  'backstage.json',
  'tsconfig.json',
];
const ROOT_CONFIG = /^app-config(\.[\w-]+)?\.yaml$/;

const STAMP_FILE = '.portal-build.json';

function listFiles(dir, root, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) listFiles(full, root, out);
    } else if (entry.isFile() && !TEST_FILE.test(entry.name)) {
      out.push(path.relative(root, full));
    }
  }
  return out;
}

/** The workspace packages under packages/ and plugins/ that are bundled. */
function bundledPackages(root) {
  const dirs = [];
  for (const parent of ['packages', 'plugins']) {
    const base = path.join(root, parent);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base).sort()) {
      const manifest = path.join(base, name, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      const role = JSON.parse(fs.readFileSync(manifest, 'utf8')).backstage
        ?.role;
      if (BUNDLED_ROLES.has(role)) dirs.push(path.join(base, name));
    }
  }
  return dirs;
}

/** Every input of the build, relative to the repo root, sorted. */
function buildInputs(root) {
  const files = [];
  for (const dir of bundledPackages(root)) listFiles(dir, root, files);
  for (const name of fs.readdirSync(root)) {
    if (ROOT_INPUTS.includes(name) || ROOT_CONFIG.test(name)) files.push(name);
  }
  // Path separators and order fixed, so the hash is the same on every machine.
  return files.map(f => f.split(path.sep).join('/')).sort();
}

/** sha256 over each input's path and content. */
function sourcesHash(root) {
  const hash = crypto.createHash('sha256');
  for (const file of buildInputs(root)) {
    hash.update(file);
    hash.update('\0');
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function appDist(root) {
  return path.join(root, 'packages', 'app', 'dist');
}

/**
 * Whether the build in packages/app/dist is of the sources with `hash`;
 * `reason` says why not.
 */
function buildStatus(root, hash) {
  const dist = appDist(root);
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    return { fresh: false, reason: 'no production build yet' };
  }
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(dist, STAMP_FILE), 'utf8'));
  } catch {
    return { fresh: false, reason: 'the build has no readable stamp' };
  }
  if (stamp.hash !== hash) {
    return { fresh: false, reason: 'the sources changed since the last build' };
  }
  return { fresh: true, reason: `built ${stamp.builtAt} from these sources` };
}

function stampBuild(root, hash, now = new Date()) {
  fs.writeFileSync(
    path.join(appDist(root), STAMP_FILE),
    `${JSON.stringify({ hash, builtAt: now.toISOString() }, null, 2)}\n`,
  );
}

module.exports = {
  buildInputs,
  sourcesHash,
  buildStatus,
  stampBuild,
  STAMP_FILE,
};

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  const [command, hash] = process.argv.slice(2);
  if (command === 'hash') {
    process.stdout.write(`${sourcesHash(root)}\n`);
  } else if (command === 'check' && hash) {
    const status = buildStatus(root, hash);
    process.stdout.write(`${status.reason}\n`);
    process.exitCode = status.fresh ? 0 : 1;
  } else if (command === 'stamp' && hash) {
    stampBuild(root, hash);
  } else {
    process.stderr.write(
      'usage: app-build.js hash | check HASH | stamp HASH\n',
    );
    process.exitCode = 2;
  }
}
