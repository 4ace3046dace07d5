import fs from 'fs';
import os from 'os';
import path from 'path';
import { formatProblems } from '../types';
import { plant, removeTemp, REPO_ROOT } from '../util/testing';
import { validateWorkflows } from './validateWorkflows';

const DELIVER = '.github/workflows/iac-deliver.yml';
const CHECKS = '.github/workflows/iac-checks.yml';
const FAILOVER = '.github/workflows/failover-test.yml';

/**
 * A copy of what the workflows read (themselves, the scripts and IaC folders they name),
 * without copying packages/ and its node_modules: only the package folder must exist.
 */
function copyForWorkflows(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-workflows-'));
  for (const folder of [
    'app-config.production.yaml',
    '.github',
    'scripts',
    'terraform',
    'kubernetes',
    'monitoring',
  ]) {
    fs.cpSync(path.join(REPO_ROOT, folder), path.join(root, folder), {
      recursive: true,
    });
  }
  fs.mkdirSync(path.join(root, 'packages/iac-validation'), { recursive: true });
  return root;
}

function problemsAfter(
  file: string,
  from: string | RegExp,
  to: string,
): string {
  const root = copyForWorkflows();
  try {
    plant(root, file, from, to);
    return formatProblems(validateWorkflows(root));
  } finally {
    removeTemp(root);
  }
}

describe('validateWorkflows', () => {
  it('finds no problems in .github/workflows', () => {
    expect(formatProblems(validateWorkflows(REPO_ROOT))).toBe('');
  });

  describe('production applies the plan its reviewers approved', () => {
    it('reports an apply that plans again after the approval', () => {
      expect(
        problemsAfter(
          DELIVER,
          'scripts/deploy-production.sh --yes --skip-kubernetes --apply-plan production.tfplan',
          'scripts/deploy-production.sh --yes --skip-kubernetes',
        ),
      ).toMatch(
        /iac-deliver\.yml: jobs\.apply-production: plans production after the approval, so reviewers approve a plan they never saw/,
      );
    });

    it('reports a plan made behind the gate, or shown nowhere, or not handed over', () => {
      expect(
        problemsAfter(
          DELIVER,
          '    name: plan production\n',
          '    name: plan production\n    environment: production\n',
        ),
      ).toMatch(
        /jobs\.plan-production: plans behind the same approval as the apply; the plan must exist before reviewers approve/,
      );
      expect(
        problemsAfter(DELIVER, '} >> "$GITHUB_STEP_SUMMARY"', '} > plan.md'),
      ).toMatch(
        /jobs\.plan-production: shows the plan nowhere the reviewers look; write it to \$GITHUB_STEP_SUMMARY/,
      );
      expect(
        problemsAfter(
          DELIVER,
          'name: production-tfplan\n          # The lock',
          'name: other-plan\n          # The lock',
        ),
      ).toMatch(
        /jobs\.plan-production: uploads no artifact that jobs\.apply-production downloads/,
      );
    });

    it('reports an apply that needs no planning job', () => {
      expect(
        problemsAfter(
          DELIVER,
          'needs: plan-production',
          'needs: apply-staging',
        ),
      ).toMatch(
        /jobs\.apply-production: needs no job that plans production before the approval/,
      );
    });
  });

  describe('the monthly production failover goes through the four-eyes window', () => {
    it('reports a failover workflow without a production schedule', () => {
      expect(
        problemsAfter(
          FAILOVER,
          'echo environment=production >> "$GITHUB_OUTPUT"',
          'echo environment=staging >> "$GITHUB_OUTPUT"',
        ),
      ).toMatch(/failover-test\.yml: no scheduled production failover test/);
    });

    it('reports a workflow token that could approve its own window, or no window at all', () => {
      const config = 'app-config.production.yaml';
      expect(
        problemsAfter(
          config,
          'permission: [nt-infra.failover.run, nt-infra.run.read]',
          'permission: [nt-infra.failover.run, nt-infra.run.read, nt-infra.chaos.approve]',
        ),
      ).toMatch(
        /externalAccess failover-test-workflow: nt-infra\.chaos\.approve would let a workflow approve its own production window/,
      );
      expect(
        problemsAfter(
          config,
          'ntInfra:\n',
          'ntInfra:\n  failover:\n    productionRequiresWindow: false\n',
        ),
      ).toMatch(
        /productionRequiresWindow: false lets production failovers bypass the four-eyes window/,
      );
    });
  });

  it('reports schema errors from action-validator', () => {
    const out = problemsAfter(
      CHECKS,
      'runs-on: ubuntu-latest',
      'runs-onn: ubuntu-latest',
    );
    expect(out).toMatch(
      /iac-checks\.yml: \/jobs\/terraform-static Property conditions are not met: Additional property 'runs-onn' is not allowed/,
    );
    expect(
      problemsAfter(DELIVER, 'needs: apply-staging', 'needs: apply-stagin'),
    ).toMatch(
      /iac-deliver\.yml: \/jobs\/plan-production\/needs Unresolved job/,
    );
  });

  it('reports a production apply outside the protected environment', () => {
    expect(
      problemsAfter(DELIVER, /\n {4}environment: production\n/, '\n'),
    ).toMatch(
      /jobs\.apply-production: applies to production without environment: production/,
    );
  });

  it('reports an apply without a non-cancelling concurrency group', () => {
    expect(
      problemsAfter(
        DELIVER,
        /\n {4}concurrency:\n {6}group: iac-apply-staging\n {6}cancel-in-progress: false\n/,
        '\n',
      ),
    ).toMatch(/jobs\.apply-staging: applies without a concurrency group/);
    expect(
      problemsAfter(
        DELIVER,
        'group: iac-apply-production\n      cancel-in-progress: false',
        'group: iac-apply-production\n      cancel-in-progress: true',
      ),
    ).toMatch(
      /jobs\.apply-production: an apply must never be cancelled midway/,
    );
  });

  it('reports azure/login without the OIDC token permission', () => {
    expect(problemsAfter(CHECKS, /\n {6}id-token: write\n/, '\n')).toMatch(
      /jobs\.terraform-plan: azure\/login needs permissions id-token: write/,
    );
  });

  it('reports terraform signing in without OIDC', () => {
    expect(
      problemsAfter(DELIVER, /\n {2}ARM_USE_OIDC: 'true'\n/, '\n'),
    ).toMatch(
      /jobs\.apply-staging: terraform with azure\/login needs ARM_USE_OIDC: 'true'/,
    );
  });

  it('reports a job without its own permissions', () => {
    expect(
      problemsAfter(
        FAILOVER,
        /\n {4}permissions:\n(?: {6}.*\n)+(?= {4}steps:)/,
        '\n',
      ),
    ).toMatch(
      /failover-test\.yml: jobs\.failover-test: declare the job's own permissions/,
    );
  });

  it('reports stored cloud credentials', () => {
    const out = problemsAfter(
      DELIVER,
      "ARM_USE_OIDC: 'true'",
      "ARM_USE_OIDC: 'true'\n  ARM_CLIENT_SECRET: ${{ secrets.AZURE_CLIENT_SECRET }}",
    );
    expect(out).toMatch(/ARM_CLIENT_SECRET: a stored cloud credential/);
    expect(out).toMatch(
      /secrets\.AZURE_CLIENT_SECRET: a stored cloud credential/,
    );
  });

  it('reports scripts, directories and trigger paths that do not exist', () => {
    expect(
      problemsAfter(
        DELIVER,
        'scripts/argocd-sync.sh --environment production',
        'scripts/argo-sync.sh --environment production',
      ),
    ).toMatch(/jobs\.apply-production: scripts\/argo-sync\.sh does not exist/);
    expect(
      problemsAfter(
        CHECKS,
        'working-directory: terraform/azure/multi-region',
        'working-directory: terraform/azure/multiregion',
      ),
    ).toMatch(/working-directory terraform\/azure\/multiregion does not exist/);
    expect(
      problemsAfter(
        DELIVER,
        '- kubernetes/argocd/**',
        '- kubernetes/argo-cd/**',
      ),
    ).toMatch(/on\.push\.paths: kubernetes\/argo-cd\/\*\* matches nothing/);
  });

  it('checks the scripts of every matrix combination', () => {
    expect(
      problemsAfter(
        CHECKS,
        'environment: [staging, production]',
        'environment: [staging, production, qa]',
      ),
    ).toMatch(/jobs\.terraform-plan: scripts\/deploy-qa\.sh does not exist/);
  });

  it('reports actions not pinned to a full commit SHA with its release in a comment', () => {
    const checkout =
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2';
    expect(problemsAfter(FAILOVER, checkout, 'actions/checkout@v4')).toMatch(
      /actions\/checkout@v4 must be pinned to a full 40-hex commit SHA/,
    );
    expect(
      problemsAfter(
        FAILOVER,
        checkout,
        'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
      ),
    ).toMatch(
      /actions\/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 needs the release it pins in a trailing comment/,
    );
  });
});
