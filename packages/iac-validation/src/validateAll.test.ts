import { formatProblems } from './types';
import { copyRepo, plant, removeTemp, REPO_ROOT } from './util/testing';
import { validateAll } from './validateAll';

jest.setTimeout(180_000);

/**
 * The repository gate: every IaC file in this checkout passes every check. Problems that only
 * say a tool is missing fail here in CI and are tolerated locally (the per-validator suites
 * already say which suites they skipped).
 */
describe('validateAll', () => {
  it('finds no problems in the repository', async () => {
    const problems = await validateAll(REPO_ROOT);
    const relevant =
      process.env.CI === 'true'
        ? problems
        : problems.filter(p => !p.message.startsWith('not checked:'));
    expect(formatProblems(relevant)).toBe('');
  });

  it('collects problems from several validators at once', async () => {
    const root = copyRepo(['terraform', 'kubernetes', 'monitoring', 'scripts']);
    try {
      plant(
        root,
        'terraform/azure/multi-region/staging.tfvars',
        'redis_capacity     = 1',
        'redis_capacity     = 1\nredis_sku          = "P1"',
      );
      plant(
        root,
        'monitoring/opentelemetry/collector.yaml',
        'processors: [memory_limiter, resource/region, batch]',
        'processors: [batch, resource/region, memory_limiter]',
      );
      const out = formatProblems(await validateAll(root));
      expect(out).toMatch(/staging\.tfvars: "redis_sku" is not a variable/);
      expect(out).toMatch(
        /collector\.yaml: pipeline metrics: memory_limiter must be the first processor/,
      );
    } finally {
      removeTemp(root);
    }
  });
});
