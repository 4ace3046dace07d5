import { buildOverlay, OVERLAYS } from './build';
import { portalProblems } from './portal';
import {
  copyRepo,
  describeWithTool,
  plant,
  removeTemp,
  REPO_ROOT,
} from '../util/testing';

jest.setTimeout(60_000);

const PORTAL = 'kubernetes/base/nt-infra/portal.yaml';
const SPC = 'kubernetes/base/nt-infra/secret-provider-class.yaml';
const RBAC = 'kubernetes/base/nt-infra/rbac.yaml';

type Fault = [file: string, from: string | RegExp, to: string];

function problemsAfter(faults: Fault[], overlay = 'production'): string {
  const root = copyRepo(['kubernetes', 'app-config.production.yaml']);
  try {
    for (const [file, from, to] of faults) plant(root, file, from, to);
    return portalProblems(root, buildOverlay(root, overlay)).join('\n');
  } finally {
    removeTemp(root);
  }
}

describeWithTool('kubectl', 'the portal in its cluster', () => {
  it.each(OVERLAYS)('finds no problems in the %s overlay', overlay => {
    expect(portalProblems(REPO_ROOT, buildOverlay(REPO_ROOT, overlay))).toEqual(
      [],
    );
  });

  it('reports a ${VAR} of app-config.production.yaml that no Key Vault object provides', () => {
    expect(
      problemsAfter([
        [SPC, /\n\s+- key: ARGOCD_TOKEN\n\s+objectName: argocd-token/, ''],
      ]),
    ).toMatch(
      /app-config\.production\.yaml reads \$\{ARGOCD_TOKEN\}, which Deployment nt-infra-portal does not get/,
    );
  });

  it("reports the tenant ID as missing once the pod no longer asks for workload identity's injected variables", () => {
    expect(
      problemsAfter([
        [PORTAL, /azure\.workload\.identity\/use: 'true'/, "team: 'portal'"],
      ]),
    ).toMatch(
      /app-config\.production\.yaml reads \$\{AZURE_TENANT_ID\}, which Deployment nt-infra-portal does not get/,
    );
  });

  it('reports a synced Secret whose SecretProviderClass the pod does not mount', () => {
    expect(
      problemsAfter([
        [PORTAL, /\n\s+- name: secrets-store\n\s+csi:(\n\s{12,}.*)+/, ''],
      ]),
    ).toMatch(
      /envFrom Secret nt-infra-portal-env is neither in the overlay nor synced by a SecretProviderClass the pod mounts/,
    );
  });

  it('reports a database password instead of Entra tokens', () => {
    const problems = problemsAfter([
      [
        'app-config.production.yaml',
        '      type: azure\n',
        '      password: ${POSTGRES_PASSWORD}\n',
      ],
    ]);
    expect(problems).toMatch(
      /backend\.database\.connection must be type azure without a password/,
    );
    expect(problems).toMatch(/reads \$\{POSTGRES_PASSWORD\}/);
  });

  it('reports workload identity values that disagree or are not IDs', () => {
    const problems = problemsAfter([
      [SPC, "usePodIdentity: 'false'", "usePodIdentity: 'true'"],
      [
        'kubernetes/overlays/production/workload-identity.env',
        'azure-tenant-id=\n',
        'azure-tenant-id=contoso\n',
      ],
    ]);
    expect(problems).toMatch(
      /SecretProviderClass nt-infra-portal: usePodIdentity must be 'false'/,
    );
    expect(problems).toMatch(
      /tenantId must be a GUID from terraform output, or empty before the first apply \(got contoso\)/,
    );
  });

  it('keeps the Kubernetes tab read-only and Chaos Mesh writes to the run engine in ntai', () => {
    const problems = problemsAfter([
      [RBAC, "'resourcequotas',", "'resourcequotas',\n        'secrets',"],
      [
        RBAC,
        "resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets']\n    verbs: ['get', 'list', 'watch']",
        "resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets']\n    verbs: ['get', 'list', 'watch', 'patch']",
      ],
      [
        RBAC,
        '  name: nt-infra-portal-chaos\nsubjects:\n  - kind: ServiceAccount\n    name: nt-infra-portal\n',
        '  name: nt-infra-portal-chaos\nsubjects:\n  - kind: ServiceAccount\n    name: nt-infra-portal-reader\n',
      ],
      [
        RBAC,
        "resources: ['podchaos', 'networkchaos', 'stresschaos']\n    verbs: ['get', 'list', 'watch']",
        "resources: ['podchaos', 'networkchaos', 'stresschaos']\n    verbs: ['get', 'list', 'watch', 'delete']",
      ],
    ]);
    expect(problems).toMatch(
      /ClusterRole nt-infra-portal-reader: the reader nt-infra-portal-reader must not read Secrets/,
    );
    expect(problems).toMatch(
      /ClusterRole nt-infra-portal-reader: the reader nt-infra-portal-reader may only get, list and watch/,
    );
    expect(problems).toMatch(
      /Role nt-infra-portal-chaos: only the run engine \(ServiceAccount nt-infra\/nt-infra-portal\) may write Chaos Mesh objects, not ServiceAccount nt-infra-portal-reader/,
    );
    expect(problems).toMatch(
      /ClusterRole nt-infra-portal-chaos-sweep: Chaos Mesh objects may be written in ntai only/,
    );
  });
});
