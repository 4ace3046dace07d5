import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import express from 'express';
import Router from 'express-promise-router';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { reportFigures } from '../__testUtils__/reliabilityBackend';
import { DatabaseAuditStore } from '../../database/DatabaseAuditStore';
import { MIGRATIONS_DIRECTORY } from '../../database/migrateDatabase';
import { createAuthorizer } from '../../routes/authorizer';
import { createGitOps } from '../../capabilities';
import { assertBranchName, git } from '../../services/gitops/git';
import { createFixtureRepo } from '../../services/gitops/__testUtils__/fixtureRepo';

jest.setTimeout(120_000);

const BACKEND_SRC = path.resolve(__dirname, '../..');
const IAC_VALIDATION_SRC = path.resolve(
  __dirname,
  '../../../../../packages/iac-validation/src',
);

/** Every process the backend starts, and why each is safe. */
const ALLOWED_PROCESS_CALLS = [
  // git merge-base/cat-file with an argument array; revisions checked by assertSha.
  { file: 'services/delivery/LocalRevisionGraph.ts', calls: ['execFile('] },
  // git with an argument array; branch names checked by assertBranchName.
  { file: 'services/gitops/git.ts', calls: ['execFile('] },
  // kubectl kustomize / promtool on paths inside a checkout, argument arrays.
  { file: 'util/tools.ts', calls: ['spawnSync('] },
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'reliability' || entry.name === '__testUtils__'
        ? []
        : sourceFiles(full);
    }
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)
      ? [full]
      : [];
  });
}

describe('nothing user-supplied reaches a shell', () => {
  const figures = {
    'source files audited': 0,
    'process calls found': 0,
    'hostile strings tried': 0,
    'marker files created': 0,
  };
  const markerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-shell-'));
  const marker = path.join(markerDir, 'pwned');
  const HOSTILE = [
    `$(touch ${marker})`,
    `\`touch ${marker}\``,
    `; touch ${marker}`,
    `| touch ${marker}`,
    `&& touch ${marker}`,
    `--upload-pack=touch ${marker}`,
    `--output=${marker}`,
    `-c core.pager=touch ${marker}`,
    `x\ntouch ${marker}`,
    `'; touch ${marker}; '`,
  ];

  afterAll(() => {
    figures['marker files created'] = fs.existsSync(marker) ? 1 : 0;
    reportFigures('no shell', figures);
    fs.rmSync(markerDir, { recursive: true, force: true });
  });
  afterEach(() => {
    // Checked after every test too, so a shell that ran late is still caught.
    if (fs.existsSync(marker)) {
      throw new Error(`a hostile string reached a shell: ${marker} exists`);
    }
  });

  it('starts processes only through audited argument-array helpers, never a shell', () => {
    const found: Array<{ file: string; calls: string[] }> = [];
    for (const [root, files] of [
      [BACKEND_SRC, sourceFiles(BACKEND_SRC)],
      [IAC_VALIDATION_SRC, sourceFiles(IAC_VALIDATION_SRC)],
    ] as const) {
      for (const file of files) {
        figures['source files audited'] += 1;
        const text = fs.readFileSync(file, 'utf8');
        if (!/child_process|node:child_process/.test(text)) continue;
        const calls = [
          ...text.matchAll(
            /\b(exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)\(/g,
          ),
        ].map(m => `${m[1]}(`);
        expect(text).not.toMatch(/shell\s*:\s*true/);
        found.push({ file: path.relative(root, file), calls });
      }
    }
    figures['process calls found'] = found.reduce(
      (n, f) => n + f.calls.length,
      0,
    );
    expect(found).toEqual(ALLOWED_PROCESS_CALLS);
  });

  it('refuses hostile branch names before git sees them', async () => {
    for (const name of [
      ...HOSTILE,
      '-d',
      '--',
      'a..b',
      'main.lock',
      'x/',
      '@{-1}',
    ]) {
      figures['hostile strings tried'] += 1;
      await expect(assertBranchName(name)).rejects.toThrow(
        /not an allowed branch name/,
      );
    }
  });

  it('passes hostile values to git as inert argument items', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-shell-git-'));
    try {
      await git(repo, ['init', '--quiet']);
      for (const value of HOSTILE) {
        figures['hostile strings tried'] += 1;
        await git(repo, ['commit', '--allow-empty', '--quiet', '-F', '-'], {
          input: value,
        });
        await git(repo, ['check-ref-format', '--branch', value]).catch(
          () => undefined,
        );
      }
      const log = await git(repo, ['log', '--format=%B']);
      expect(log).toContain(`$(touch ${marker})`);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('carries hostile reasons and user names through a change request into git literally', async () => {
    const fixture = await createFixtureRepo();
    try {
      const db = await databases.init('SQLITE_3');
      await db.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const audit = new DatabaseAuditStore(db);
      const config = mockServices.rootConfig({
        data: {
          ntInfra: {
            gitops: { provider: 'local', local: { remote: fixture.remote } },
          },
        },
      });
      const logger = mockServices.logger.mock();
      const gitops = await createGitOps({
        config,
        logger,
        audit,
        db,
        repoRoot: fixture.root,
      });
      const router = Router();
      router.use(express.json());
      gitops.registerRoutes(router, {
        auth: createAuthorizer({
          httpAuth: mockServices.httpAuth(),
          permissions: mockServices.permissions(),
          audit,
        }),
      });
      const app = express()
        .use(router)
        .use(MiddlewareFactory.create({ config, logger }).error());

      // Entity refs have no slash in their name; the shell syntax is still there.
      const hostileRef = 'user:default/x$(reboot)`id`;halt';
      const hostileUser = mockCredentials.user.header(hostileRef);
      for (const [i, reason] of HOSTILE.slice(0, 2).entries()) {
        figures['hostile strings tried'] += 1;
        const res = await request(app)
          .post('/gitops/changes')
          .set('authorization', hostileUser)
          .send({
            kind: 'scale-workload',
            params: {
              environment: 'staging',
              workload: 'ntai-worker',
              maxReplicas: 6 + i,
            },
            reason,
          });
        expect(res.status).toBe(201);
        const body = await git(fixture.remote, [
          'log',
          '-1',
          '--format=%B',
          res.body.branch,
        ]);
        expect(body).toContain(reason);
        expect(body).toContain(`Requested-by: ${hostileRef}`);
      }
    } finally {
      await fixture.cleanup();
    }
  });
});
