// node --test tools/lib/*.test.js (a step of ./portal test)
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');
const {
  buildInputs,
  buildStatus,
  sourcesHash,
  stampBuild,
} = require('./app-build');

/** A miniature repo: an app, a frontend plugin, a backend plugin. */
function fixture() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'app-build-'));
  const write = (file, content) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  };
  const manifest = role => JSON.stringify({ backstage: { role } });
  write('package.json', '{}');
  write('yarn.lock', 'lock v1');
  write('app-config.yaml', 'app: {}');
  write('app-config.production.yaml', 'app: {}');
  write('packages/app/package.json', manifest('frontend'));
  write('packages/app/src/App.tsx', 'export const App = 1;');
  write('packages/app/src/App.test.tsx', 'test');
  write('packages/app/dist/index.html', '<html></html>');
  write('packages/app/node_modules/x/index.js', 'x');
  write('plugins/ui/package.json', manifest('frontend-plugin'));
  write('plugins/ui/src/Page.tsx', 'page');
  write('plugins/api/package.json', manifest('backend-plugin'));
  write('plugins/api/src/router.ts', 'router');
  return { root, write };
}

test('hashes the bundled packages, dependencies and config, not tests, outputs or backend code', () => {
  const { root } = fixture();
  assert.deepEqual(buildInputs(root), [
    'app-config.production.yaml',
    'app-config.yaml',
    'package.json',
    'packages/app/package.json',
    'packages/app/src/App.tsx',
    'plugins/ui/package.json',
    'plugins/ui/src/Page.tsx',
    'yarn.lock',
  ]);
});

test('a stamped build is fresh until a bundled source, the lockfile or the config changes', () => {
  const { root, write } = fixture();
  const hash = sourcesHash(root);
  stampBuild(root, hash, new Date('2026-12-03T09:00:00Z'));
  assert.deepEqual(buildStatus(root, sourcesHash(root)), {
    fresh: true,
    reason: 'built 2026-12-03T09:00:00.000Z from these sources',
  });

  // Neither a test nor the backend is in the bundle.
  write('packages/app/src/App.test.tsx', 'another test');
  write('plugins/api/src/router.ts', 'another router');
  assert.equal(buildStatus(root, sourcesHash(root)).fresh, true);

  for (const [file, content] of [
    ['plugins/ui/src/Page.tsx', 'page v2'],
    ['yarn.lock', 'lock v2'],
    ['app-config.yaml', 'app: { title: x }'],
  ]) {
    const before = sourcesHash(root);
    write(file, content);
    assert.deepEqual(buildStatus(root, sourcesHash(root)), {
      fresh: false,
      reason: 'the sources changed since the last build',
    });
    stampBuild(root, sourcesHash(root));
    assert.notEqual(sourcesHash(root), before, file);
  }
});

test('a build without a stamp, or no build at all, is stale', () => {
  const { root } = fixture();
  assert.deepEqual(buildStatus(root, sourcesHash(root)), {
    fresh: false,
    reason: 'the build has no readable stamp',
  });
  fs.rmSync(path.join(root, 'packages/app/dist'), { recursive: true });
  assert.deepEqual(buildStatus(root, sourcesHash(root)), {
    fresh: false,
    reason: 'no production build yet',
  });
});
