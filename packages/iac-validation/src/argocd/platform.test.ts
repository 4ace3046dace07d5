import fs from 'fs';
import os from 'os';
import path from 'path';
import { formatProblems } from '../types';
import {
  copyRepo,
  describeRequiring,
  describeWithTool,
  plant,
  REFERENCE_DIR,
  removeTemp,
} from '../util/testing';
import { validateArgoCd } from './validateArgoCd';

jest.setTimeout(120_000);

const PLATFORM = 'kubernetes/argocd/platform';
const TRAEFIK = `${PLATFORM}/traefik-production-eastus.yaml`;
const CHAOS = `${PLATFORM}/chaos-mesh-staging-westus.yaml`;
const OTEL = `${PLATFORM}/otel-collector-production-westus.yaml`;

type Fault = [file: string, from: string | RegExp, to: string];

/** Plants the faults in a copy of the repository and validates kubernetes/argocd there. */
function problemsAfter(faults: Fault[], referenceDir = REFERENCE_DIR): string {
  const root = copyRepo(['kubernetes', 'terraform', 'monitoring']);
  try {
    for (const [file, from, to] of faults) plant(root, file, from, to);
    return formatProblems(validateArgoCd(root, { referenceDir }));
  } finally {
    removeTemp(root);
  }
}

describeWithTool('kubectl', 'platform components (project platform)', () => {
  it('binds the ingress controller to its region’s Traffic Manager target IP', () => {
    const wrongIp = problemsAfter([
      [
        TRAEFIK,
        'pip-ntai-production-eastus-ingress',
        'pip-ntai-production-westus-ingress',
      ],
    ]);
    expect(wrongIp).toMatch(
      /traefik-production-eastus\.yaml: Application traefik-production-eastus: service annotation service\.beta\.kubernetes\.io\/azure-pip-name must be pip-ntai-production-eastus-ingress/,
    );
    const noGroup = problemsAfter([
      [
        TRAEFIK,
        /\n\s+service\.beta\.kubernetes\.io\/azure-load-balancer-resource-group: [^\n]+/,
        '',
      ],
    ]);
    expect(noGroup).toMatch(
      /azure-load-balancer-resource-group must be rg-ntai-production-eastus, the resource group of the Traffic Manager target IP \(got undefined\)/,
    );
  });

  it('reports an ingress class the app’s Ingress does not use', () => {
    expect(
      problemsAfter([
        [
          'kubernetes/base/ntai/ingress.yaml',
          'ingressClassName: traefik',
          'ingressClassName: nginx',
        ],
      ]),
    ).toMatch(
      /the app's Ingress uses class nginx, but this controller serves traefik/,
    );
  });

  it('reports a cluster identity without Network Contributor on the IP’s resource group', () => {
    expect(
      problemsAfter([
        [
          'terraform/modules/aks-cluster/main.tf',
          '"Network Contributor"',
          '"Reader"',
        ],
      ]),
    ).toMatch(
      /aks-cluster\/main\.tf: the cluster identity needs a Network Contributor role assignment/,
    );
  });

  it('reports a chart that is not pinned to one version', () => {
    expect(
      problemsAfter([
        [TRAEFIK, 'targetRevision: 37.3.0', 'targetRevision: 37.*'],
      ]),
    ).toMatch(
      /chart traefik must be pinned to an exact version \(targetRevision 37\.\*\)/,
    );
  });

  it('reports a cluster without one of the components, and Argo CD not installed as code', () => {
    const problems = problemsAfter([
      [
        'kubernetes/argocd/kustomization.yaml',
        '  - platform/chaos-mesh-staging-westus.yaml\n',
        '',
      ],
      [
        'kubernetes/argocd/kustomization.yaml',
        '  - platform/argocd-production-eastus.yaml\n',
        '',
      ],
    ]);
    expect(problems).toMatch(
      /no Application chaos-mesh-staging-westus: every cluster runs chaos-mesh/,
    );
    expect(problems).toMatch(
      /no Application argocd-production-eastus: Argo CD itself is installed as code/,
    );
  });

  it('keeps Chaos Mesh namespace-scoped to the app namespace at the chart’s own version', () => {
    const problems = problemsAfter([
      [CHAOS, 'clusterScoped: false', 'clusterScoped: true'],
      [CHAOS, 'targetNamespace: ntai', 'targetNamespace: chaos-testing'],
      [CHAOS, 'tag: v2.7.3', 'tag: latest'],
    ]);
    expect(problems).toMatch(
      /chaos-mesh-staging-westus: clusterScoped must be false/,
    );
    expect(problems).toMatch(
      /controllerManager\.targetNamespace must be ntai \(got chaos-testing\)/,
    );
    expect(problems).toMatch(
      /images\.tag must be v2\.7\.3, the chart's own version \(got latest\)/,
    );
  });

  it('reports an experiment that selects pods outside the namespace Chaos Mesh acts in', () => {
    expect(
      problemsAfter([
        [
          'kubernetes/chaos-experiments/schedules/daily-api-pod-failure.yaml',
          /namespaces:\n(\s+)- ntai/,
          'namespaces:\n$1- default',
        ],
      ]),
    ).toMatch(
      /daily-api-pod-failure\.yaml: selects pods in namespace default; the namespace-scoped Chaos Mesh acts in ntai only/,
    );
  });

  it('runs the collector with monitoring/opentelemetry/collector.yaml and its own region', () => {
    const problems = problemsAfter([
      [OTEL, 'value: westus', 'value: eastus'],
      [
        'kubernetes/platform/otel-collector/collector.yaml',
        'otel/opentelemetry-collector-contrib:0.115.1',
        'otel/opentelemetry-collector-contrib:latest',
      ],
      [
        'kubernetes/platform/otel-collector/collector.yaml',
        /\n\s+- name: PROMETHEUS_REMOTE_WRITE_URL\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: otel-collector\n\s+key: prometheus-remote-write-url/,
        '\n',
      ],
    ]);
    expect(problems).toMatch(
      /otel-collector-production-westus: the patch of ConfigMap otel-collector-env must set NTAI_REGION to westus \(got eastus\)/,
    );
    expect(problems).toMatch(
      /collector image otel\/opentelemetry-collector-contrib:latest must be pinned/,
    );
    expect(problems).toMatch(
      /collector\.yaml reads \$\{env:PROMETHEUS_REMOTE_WRITE_URL\}, which the collector Deployment does not set/,
    );
  });

  it('reports a collector configuration copied instead of read from monitoring/', () => {
    const root = copyRepo(['kubernetes', 'terraform', 'monitoring']);
    try {
      const dir = path.join(root, 'kubernetes/platform/otel-collector');
      fs.writeFileSync(
        path.join(dir, 'copy.yaml'),
        fs
          .readFileSync(
            path.join(root, 'monitoring/opentelemetry/collector.yaml'),
            'utf8',
          )
          .replace('send_batch_size: 8192', 'send_batch_size: 1'),
      );
      plant(
        root,
        'kubernetes/platform/otel-collector/kustomization.yaml',
        'collector.yaml=../../../monitoring/opentelemetry/collector.yaml',
        'collector.yaml=copy.yaml',
      );
      expect(
        formatProblems(validateArgoCd(root, { referenceDir: REFERENCE_DIR })),
      ).toMatch(
        /ConfigMap otel-collector-config must hold monitoring\/opentelemetry\/collector\.yaml unchanged/,
      );
    } finally {
      removeTemp(root);
    }
  });

  it('builds the collector with Argo CD’s own kustomize options', () => {
    expect(
      problemsAfter([
        [
          `${PLATFORM}/argocd-production-eastus.yaml`,
          /\n\s+kustomize\.buildOptions: [^\n]+/,
          '',
        ],
      ]),
    ).toMatch(
      /kubernetes\/platform\/otel-collector: kubectl kustomize .* is not in or below/,
    );
  });

  it('reports a cluster-scoped object of an overlay that project ntai refuses', () => {
    expect(
      problemsAfter([
        [
          'kubernetes/argocd/project.yaml',
          /\n\s+- group: rbac\.authorization\.k8s\.io\n\s+kind: ClusterRoleBinding/,
          '',
        ],
      ]),
    ).toMatch(
      /Application ntai-staging-eastus: ClusterRoleBinding nt-infra-portal-reader is cluster-scoped and not in project ntai's clusterResourceWhitelist/,
    );
  });
});

describeRequiring(
  'platform components against the Chaos Mesh reference CRDs',
  fs.existsSync(path.join(REFERENCE_DIR, 'chaos-mesh'))
    ? undefined
    : `the reference CRDs are missing (${REFERENCE_DIR}/chaos-mesh)`,
  () => {
    it('reports an RBAC resource that is no Chaos Mesh CRD', () => {
      expect(
        problemsAfter([
          [
            'kubernetes/base/nt-infra/rbac.yaml',
            "resources: ['podchaos', 'networkchaos', 'stresschaos']\n    verbs: ['get', 'list', 'watch', 'create', 'delete']",
            "resources: ['podchaoses', 'networkchaos', 'stresschaos']\n    verbs: ['get', 'list', 'watch', 'create', 'delete']",
          ],
        ]),
      ).toMatch(
        /Role nt-infra-portal-chaos: resource podchaoses is not a Chaos Mesh CRD \(reference set\)/,
      );
    });

    it('reports a kind the namespace-scoped install could not confine', () => {
      const reference = fs.mkdtempSync(
        path.join(os.tmpdir(), 'chaos-reference-'),
      );
      try {
        fs.cpSync(
          path.join(REFERENCE_DIR, 'chaos-mesh'),
          path.join(reference, 'chaos-mesh'),
          { recursive: true },
        );
        const file = path.join(
          reference,
          'chaos-mesh',
          'chaos-mesh.org_stresschaos.yaml',
        );
        fs.writeFileSync(
          file,
          fs
            .readFileSync(file, 'utf8')
            .replace('scope: Namespaced', 'scope: Cluster'),
        );
        expect(problemsAfter([], reference)).toMatch(
          /kind StressChaos \(kubernetes\/chaos-experiments\) is Cluster: a namespace-scoped Chaos Mesh cannot confine it/,
        );
      } finally {
        fs.rmSync(reference, { recursive: true, force: true });
      }
    });
  },
);
