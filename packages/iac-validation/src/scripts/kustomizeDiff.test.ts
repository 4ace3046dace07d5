import path from 'path';
import {
  copyRepo,
  describeWithTool,
  plant,
  removeTemp,
  REPO_ROOT,
} from '../util/testing';
import { runTool } from '../util/tools';

jest.setTimeout(60_000);

/** A git repository holding copies of scripts/ and kubernetes/, committed once as the base. */
function baseRepo(): string {
  const root = copyRepo(['scripts', 'kubernetes']);
  const git = (...args: string[]) => {
    const result = runTool('git', ['-C', root, ...args]);
    if (result.status !== 0) throw new Error(result.stderr);
  };
  git('init', '--quiet');
  git('add', '.');
  git(
    '-c',
    'user.name=test',
    '-c',
    'user.email=test@example.com',
    'commit',
    '--quiet',
    '-m',
    'base',
  );
  return root;
}

const diffScript = (root: string, ...args: string[]) =>
  runTool('bash', [path.join(root, 'scripts', 'kustomize-diff.sh'), ...args]);

describe('kustomize-diff.sh --dry-run', () => {
  it('prints the builds and diffs it would run', () => {
    const result = runTool('bash', [
      path.join(REPO_ROOT, 'scripts', 'kustomize-diff.sh'),
      '--dry-run',
      '--base',
      'origin/release',
    ]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      '+ git worktree add --detach <temp>/base origin/release',
    );
    expect(lines).toContain(
      '+ kubectl kustomize kubernetes/overlays/production',
    );
    expect(lines).toContain('+ kubectl kustomize kubernetes/argocd');
  });
});

describeWithTool('kubectl', 'kustomize-diff.sh', () => {
  it('shows the rendered change of the overlay that changed, and none for the other', () => {
    const root = baseRepo();
    try {
      plant(
        root,
        'kubernetes/overlays/production/autoscaling.yaml',
        'minReplicas: 10',
        'minReplicas: 12',
      );
      const result = diffScript(root, '--base', 'HEAD');
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const [staging, production] = result.stdout.split(
        '### kubernetes/overlays/production',
      );
      expect(staging).toMatch(/No change to the rendered objects/);
      expect(production).toMatch(/^- {2}minReplicas: 10$/m);
      expect(production).toMatch(/^\+ {2}minReplicas: 12$/m);
      expect(
        runTool('git', ['-C', root, 'worktree', 'list'])
          .stdout.trim()
          .split('\n'),
      ).toHaveLength(1);
    } finally {
      removeTemp(root);
    }
  });

  it('fails when an overlay no longer builds, and on an unknown base', () => {
    const root = baseRepo();
    try {
      plant(
        root,
        'kubernetes/overlays/staging/kustomization.yaml',
        '  - path: autoscaling.yaml',
        '  - path: missing.yaml',
      );
      const broken = diffScript(root, '--base', 'HEAD');
      expect(broken.status).toBe(1);
      expect(broken.stdout).toMatch(
        /### kubernetes\/overlays\/staging\n\n\*\*Does not build:\*\*/,
      );
      const unknown = diffScript(root, '--base', 'origin/nowhere');
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toMatch(/--base origin\/nowhere is not a commit/);
    } finally {
      removeTemp(root);
    }
  });
});
