import { formatProblems } from '../types';
import {
  copyRepo,
  describeWithTool,
  plant,
  removeTemp,
  REPO_ROOT,
} from '../util/testing';
import { validateArgoCd } from './validateArgoCd';

jest.setTimeout(60_000);

const APPS = 'kubernetes/argocd/applications';
const PROJECT = 'kubernetes/argocd/project.yaml';

function problemsAfter(
  file: string,
  from: string | RegExp,
  to: string,
): string {
  const root = copyRepo(['kubernetes', 'terraform', 'monitoring']);
  try {
    plant(root, file, from, to);
    return formatProblems(validateArgoCd(root));
  } finally {
    removeTemp(root);
  }
}

describeWithTool('kubectl', 'validateArgoCd', () => {
  it('finds no problems in kubernetes/argocd', () => {
    expect(formatProblems(validateArgoCd(REPO_ROOT))).toBe('');
  });

  it('reports what the typed Argo CD models reject', () => {
    expect(
      problemsAfter(
        `${APPS}/ntai-staging-eastus.yaml`,
        'selfHeal: true',
        "selfHeal: 'yes'",
      ),
    ).toMatch(
      /ntai-staging-eastus\.yaml: Application ntai-staging-eastus: \/spec\/syncPolicy\/automated\/selfHeal must be boolean/,
    );
    expect(problemsAfter(PROJECT, 'duration: 8h', 'duration: 8')).toMatch(
      /project\.yaml: AppProject ntai: \/spec\/syncWindows\/0\/duration must be string/,
    );
  });

  it('reports an application that would fight the HPA over /spec/replicas', () => {
    expect(
      problemsAfter(
        `${APPS}/ntai-production-eastus.yaml`,
        / {2}ignoreDifferences:\n( {4,}.*\n)+/,
        '',
      ),
    ).toMatch(
      /Application ntai-production-eastus: Deployment ntai-api is scaled by an HPA: spec\.ignoreDifferences needs/,
    );
    expect(
      problemsAfter(
        `${APPS}/ntai-staging-eastus.yaml`,
        '      - RespectIgnoreDifferences=true\n',
        '',
      ),
    ).toMatch(
      /Application ntai-staging-eastus: syncPolicy\.syncOptions needs RespectIgnoreDifferences=true/,
    );
  });

  it('reports a staging application that does not heal drift', () => {
    expect(
      problemsAfter(
        `${APPS}/ntai-staging-westus.yaml`,
        /\n {6}selfHeal: true/,
        '',
      ),
    ).toMatch(
      /Application ntai-staging-westus: staging must heal drift \(syncPolicy\.automated\.selfHeal\)/,
    );
  });

  it('reports a production application that syncs automatically', () => {
    expect(
      problemsAfter(
        `${APPS}/ntai-production-eastus.yaml`,
        '  syncPolicy:\n',
        '  syncPolicy:\n    automated:\n      selfHeal: true\n',
      ),
    ).toMatch(
      /Application ntai-production-eastus: production must not sync automatically/,
    );
  });

  it('reports a source path that does not exist or does not build', () => {
    expect(
      problemsAfter(
        `${APPS}/ntai-production-westus.yaml`,
        'path: kubernetes/overlays/production',
        'path: kubernetes/overlays/prod',
      ),
    ).toMatch(
      /ntai-production-westus: spec\.source\.path kubernetes\/overlays\/prod does not exist/,
    );
    expect(
      problemsAfter(
        'kubernetes/overlays/staging/kustomization.yaml',
        '  - path: autoscaling.yaml',
        '  - path: autoscaling-missing.yaml',
      ),
    ).toMatch(
      /ntai-staging-eastus: spec\.source\.path kubernetes\/overlays\/staging: kubectl kustomize .* failed/,
    );
  });

  it('reports a missing environment and region', () => {
    expect(
      problemsAfter(
        'kubernetes/argocd/kustomization.yaml',
        '  - applications/ntai-production-westus.yaml\n',
        '',
      ),
    ).toMatch(/kubernetes\/argocd: no Application ntai-production-westus/);
  });

  it('reports a production window left open by the deny windows', () => {
    expect(
      problemsAfter(
        PROJECT,
        "schedule: '0 17 * * 2'\n      duration: 7h",
        "schedule: '0 17 * * 2'\n      duration: 6h",
      ),
    ).toMatch(
      /ntai-production-eastus: no deny window outside the allow window: 60 minute\(s\) a week, first Tue 23:00, Tue 23:01/,
    );
  });

  it('reports a production window longer than a chaos window', () => {
    expect(problemsAfter(PROJECT, 'duration: 8h', 'duration: 10h')).toMatch(
      /allow window '0 9 \* \* 2' lasts 10h; a production window lasts at most 8h/,
    );
  });

  it('reports a window that matches staging', () => {
    expect(
      problemsAfter(
        PROJECT,
        /- ntai-production-\*\n {6}manualSync: true/,
        '- ntai-*\n      manualSync: true',
      ),
    ).toMatch(
      /ntai-staging-eastus: staging follows main: no sync window may match it/,
    );
  });
});
