import { parse as parseHcl } from '@cdktf/hcl2json';
import { validateTerraform } from '@internal/iac-validation';
import { parseAllDocuments } from 'yaml';
import { DatabaseAuditStore } from '../../database/DatabaseAuditStore';
import { MIGRATIONS_DIRECTORY } from '../../database/migrateDatabase';
import { createTestDatabases } from '../../database/__testUtils__/testDatabases';
import { DatabaseChangeRequestStore } from '../../database/DatabaseChangeRequestStore';
import { DefaultGitOpsService } from './DefaultGitOpsService';
import { git } from './git';
import { ChangeRequestInput } from './types';
import { createFixtureRepo, show } from './__testUtils__/fixtureRepo';

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const bob = 'user:default/bob';

describe('DefaultGitOpsService with the local provider', () => {
  const databases = createTestDatabases();
  let fixture: Awaited<ReturnType<typeof createFixtureRepo>>;
  let service: DefaultGitOpsService;
  let audit: DatabaseAuditStore;

  beforeEach(async () => {
    fixture = await createFixtureRepo();
    const db = await databases.init('SQLITE_3');
    await db.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    audit = new DatabaseAuditStore(db);
    service = new DefaultGitOpsService({
      provider: fixture.provider,
      store: new DatabaseChangeRequestStore(db),
      audit,
      links: {
        run: id => `http://portal/nt-infra/runs/${id}`,
        window: id => `http://portal/nt-infra/windows/${id}`,
        changeRequest: id => `http://portal/nt-infra/changes/${id}`,
      },
    });
  });
  afterEach(() => fixture.cleanup());

  async function create(input: ChangeRequestInput, actor = alice) {
    const { changeRequest } = await service.create(input, actor);
    const message = await git(fixture.remote, [
      'log',
      '-1',
      '--format=%B',
      changeRequest.headSha!,
    ]);
    return { cr: changeRequest, message };
  }

  it('scales a workload: preview, then a commit on a branch with the requester trailer', async () => {
    const input: ChangeRequestInput = {
      kind: 'scale-workload',
      params: {
        environment: 'production',
        workload: 'ntai-api',
        minReplicas: 12,
      },
      reason: 'peak season',
      runId: '7b0c6f0e-8d7e-4a43-9f5e-0d7c4c6b1a11',
    };
    const preview = await service.preview(input);
    expect(preview.ok).toBe(true);
    expect(preview.diff).toContain('-  minReplicas: 10\n+  minReplicas: 12');
    expect(preview.checks.map(c => c.name)).toEqual([
      'buildOverlay + validateManifests (staging)',
      'buildOverlay + validateManifests (production)',
      'validateChaosLibrary',
    ]);

    const { cr, message } = await create(input);
    expect(cr).toMatchObject({
      state: 'open',
      provider: 'local',
      requestedBy: alice,
    });
    expect(cr.branch).toMatch(/^nt-infra\/scale-workload\/[0-9a-f]{10}$/);
    expect(message).toContain('Scale ntai-api in production');
    expect(message).toContain(
      'Motivated by run: http://portal/nt-infra/runs/7b0c6f0e',
    );
    expect(message.trim().endsWith(`Requested-by: ${alice}`)).toBe(true);

    const file = await show(
      fixture.remote,
      cr.branch!,
      'kubernetes/overlays/production/autoscaling.yaml',
    );
    const docs = parseAllDocuments(file).map(d => d.toJS());
    expect(docs[0].spec).toEqual({ minReplicas: 12, maxReplicas: 30 });
    // The comment at the top and the other HPAs are untouched.
    expect(file).toContain('# The same bounds apply in both regions');
    expect(
      await git(fixture.remote, ['diff', '--stat', 'main', cr.branch!]),
    ).toContain('1 file changed, 1 insertion(+), 1 deletion(-)');
  });

  it('changes Traffic Manager TTL, priorities and probe settings structurally', async () => {
    const { cr } = await create({
      kind: 'traffic-manager',
      params: {
        environment: 'production',
        dnsTtlSeconds: 30,
        endpointPriorities: { eastus: 2, westus: 1 },
        monitor: { toleratedNumberOfFailures: 2 },
      },
      reason: 'westus becomes primary for the migration',
    });
    const tfvars = await show(
      fixture.remote,
      cr.branch!,
      'terraform/azure/multi-region/production.tfvars',
    );
    const parsed = (await parseHcl('production.tfvars', tfvars)) as Record<
      string,
      any
    >;
    expect(parsed.dns_ttl_seconds).toBe(30);
    expect(parsed.regions.eastus.traffic_manager_priority).toBe(2);
    expect(parsed.regions.westus.traffic_manager_priority).toBe(1);
    expect(tfvars).toContain('# Strong consistency');
    expect(tfvars).toContain('dns_ttl_seconds    = 30');
    const variables = await show(
      fixture.remote,
      cr.branch!,
      'terraform/azure/networking/variables.tf',
    );
    const vars = (await parseHcl('variables.tf', variables)) as Record<
      string,
      any
    >;
    expect(vars.variable.probe_tolerated_failures[0].default).toBe(2);
    expect(cr.checks.every(c => c.status === 'passed')).toBe(true);

    // The committed tree validates as CI would.
    const ws = await fixture.provider.checkout(cr.branch!);
    try {
      expect(await validateTerraform(ws.dir)).toEqual([]);
    } finally {
      await ws.cleanup();
    }
  });

  it("refuses a TTL of -1 with Terraform's reason, audits it and pushes nothing", async () => {
    const input: ChangeRequestInput = {
      kind: 'traffic-manager',
      params: { environment: 'staging', dnsTtlSeconds: -1 },
      reason: 'typo',
    };
    const preview = await service.preview(input);
    expect(preview.ok).toBe(false);
    await expect(service.create(input, alice)).rejects.toThrow(
      /Change refused: .*dns_ttl_seconds must be within 0\.\.300/,
    );
    expect(await git(fixture.remote, ['branch', '--list'])).toBe('* main\n');
    const { items } = await audit.list({ limit: 5 });
    expect(items[0]).toMatchObject({
      action: 'gitops.change.create',
      decision: 'denied',
      actor: alice,
    });
  });

  it('adds and changes chaos experiments, and refuses a production experiment above 10%', async () => {
    const resource = {
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'PodChaos',
      metadata: {
        name: 'api-pod-failure-20pct',
        namespace: 'ntai',
        annotations: {
          'nt-infra.io/title': 'API pod failure (20%)',
          'nt-infra.io/description': 'Too much',
          'nt-infra.io/environment': 'production',
          'nt-infra.io/expected-impact': 'Errors',
          'nt-infra.io/stop-conditions':
            '- {metric: "ntai:slo_burn_rate:5m", op: ">", threshold: 14.4, for: 1m}\n',
        },
      },
      spec: {
        action: 'pod-failure',
        mode: 'fixed-percent',
        value: '20',
        duration: '5m',
        selector: {
          namespaces: ['ntai'],
          labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' },
        },
      },
    };
    await expect(
      service.create(
        {
          kind: 'chaos-experiment',
          params: { file: 'production/api-pod-failure-20pct.yaml', resource },
          reason: 'more',
        },
        alice,
      ),
    ).rejects.toThrow(
      /Change refused: .*validateChaosLibrary: .*api-pod-failure-20pct\.yaml: .*hits 2 of 10 pods of ntai\/ntai-api \(20% with Chaos Mesh.s rounding; production limit 10%\)/,
    );

    const staging = structuredClone(resource);
    staging.metadata.annotations['nt-infra.io/environment'] = 'staging';
    const added = await create({
      kind: 'chaos-experiment',
      params: { file: 'staging/api-pod-failure-20pct.yaml', resource: staging },
      reason: 'staging can take more',
    });
    const text = await show(
      fixture.remote,
      added.cr.branch!,
      'kubernetes/chaos-experiments/staging/api-pod-failure-20pct.yaml',
    );
    expect(parseAllDocuments(text)[0].toJS()).toEqual(staging);

    const changed = await create({
      kind: 'chaos-experiment',
      params: {
        file: 'production/api-pod-failure.yaml',
        set: [{ path: ['spec', 'duration'], value: '3m' }],
      },
      reason: 'shorter first',
    });
    const diff = await git(fixture.remote, [
      'diff',
      'main',
      changed.cr.branch!,
    ]);
    expect(diff).toContain('-  duration: 5m\n+  duration: 3m');
    expect(diff.match(/^[-+][^-+]/gm)).toHaveLength(2);
  });

  it('promotes the staging TTL to production', async () => {
    const staging = await create({
      kind: 'traffic-manager',
      params: { environment: 'staging', dnsTtlSeconds: 30 },
      reason: 'try 30 s',
    });
    await service.approve(staging.cr.id, bob, 'ok');
    await service.merge(staging.cr.id, bob);
    const { cr } = await create({
      kind: 'promote',
      params: { setting: { type: 'dns-ttl' } },
      reason: 'worked in staging',
    });
    expect(cr.title).toBe('Promote staging dns-ttl to production');
    expect(cr.diff).toContain('+dns_ttl_seconds    = 30');
  });

  it('refuses approval by the requester, fast-forwards after approval, and refuses a stale branch', async () => {
    const first = await create({
      kind: 'scale-workload',
      params: { environment: 'staging', workload: 'ntai-web', maxReplicas: 6 },
      reason: 'a',
    });
    const second = await create({
      kind: 'scale-workload',
      params: { environment: 'staging', workload: 'ntai-web', maxReplicas: 7 },
      reason: 'b',
    });

    await expect(service.approve(first.cr.id, alice, 'mine')).rejects.toThrow(
      /requester cannot approve/,
    );
    await expect(service.merge(first.cr.id, bob)).rejects.toThrow(
      /only an approved change request/,
    );
    await service.approve(first.cr.id, bob, 'lgtm');
    const merged = await service.merge(first.cr.id, bob);
    expect(merged).toMatchObject({
      state: 'merged',
      mergedSha: first.cr.headSha,
      approvedBy: bob,
    });
    expect((await git(fixture.remote, ['rev-parse', 'main'])).trim()).toBe(
      first.cr.headSha,
    );
    expect(merged.transitions.map(t => t.to)).toEqual([
      'open',
      'approved',
      'merged',
    ]);

    await service.approve(second.cr.id, bob, 'lgtm');
    await expect(service.merge(second.cr.id, bob)).rejects.toThrow(
      /no longer fast-forwards/,
    );
    expect((await git(fixture.remote, ['rev-parse', 'main'])).trim()).toBe(
      first.cr.headSha,
    );
    const denied = (await audit.list({ limit: 20 })).items.filter(
      e => e.decision === 'denied',
    );
    expect(denied.map(e => e.action)).toEqual(
      expect.arrayContaining(['gitops.change.approve', 'gitops.change.merge']),
    );
    expect(
      (await service.close(second.cr.id, alice, 'superseded', false)).state,
    ).toBe('closed');
  });
});
