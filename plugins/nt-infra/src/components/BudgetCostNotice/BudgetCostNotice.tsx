import { Alert, Flex, Text } from '@backstage/ui';
import {
  BudgetCostEstimate,
  RegionBudgetCost,
} from '@internal/plugin-nt-infra-common';
import useAsync from 'react-use/esm/useAsync';

const pct = (fraction: number) => {
  const value = fraction * 100;
  // Small costs keep a decimal: 0.4 % and 2.3 % are different decisions.
  return `${Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0)} %`;
};

/** "expected cost ≈ 2.3 % of the error budget (80.0 % left now → ≈ 77.7 % after)". */
export function describeRegionCost(region: RegionBudgetCost): string {
  const cost = `expected cost ≈ ${pct(region.cost)} of the error budget`;
  if (region.remaining === undefined || region.after === undefined) {
    return `${cost} (budget left now unknown: metrics unavailable)`;
  }
  return `${cost} (${pct(region.remaining)} left now → ≈ ${pct(
    region.after,
  )} after)`;
}

/**
 * The error budget a drill is expected to spend, shown in its confirmation
 * before anyone starts it; a drill that would spend what is left is a
 * visible warning, not a surprise refusal of the next chaos run.
 */
export function BudgetCostNotice(props: {
  /** Reads the estimate (the drill's preview route); called again when `deps` change. */
  load: () => Promise<BudgetCostEstimate>;
  deps: unknown[];
}) {
  const { load, deps } = props;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const estimate = useAsync(load, deps);
  if (estimate.loading) {
    // Plain text, not a lazy progress bar: it renders inside an open dialog.
    return (
      <Text variant="body-small" color="secondary">
        Estimating the error-budget cost…
      </Text>
    );
  }
  if (estimate.error || !estimate.value) {
    return (
      <Alert
        status="warning"
        title="The expected error-budget cost could not be estimated"
        description={estimate.error?.message}
      />
    );
  }
  const { regions, items, assumption, exhausts, slo } = estimate.value;
  const window = `${slo.window} window, objective ${(
    slo.objective * 100
  ).toFixed(2)} %`;
  return (
    <section aria-label="Expected error-budget cost">
      <Flex direction="column" gap="2">
        {exhausts ? (
          <Alert
            status="danger"
            title="This drill would exhaust the error budget"
            description={regions
              .filter(r => r.exhausts)
              .map(
                r =>
                  `${r.region} has ${pct(
                    r.remaining ?? 0,
                  )} left; the drill is expected to spend ≈ ${pct(r.cost)}`,
              )
              .join('; ')}
          />
        ) : null}
        {regions.length === 0 ? (
          <Text>No error-budget cost expected: no step fails requests.</Text>
        ) : (
          regions.map(r => (
            <Text key={r.region} weight="bold">
              {r.region}: {describeRegionCost(r)}
            </Text>
          ))
        )}
        <ul aria-label="Cost by step">
          {items.map(i => (
            <li key={`${i.step}-${i.region}`}>
              <Text variant="body-small">
                {i.step} ({i.region}): ≈ {pct(i.cost)} — {i.basis}
              </Text>
            </li>
          ))}
        </ul>
        <Text variant="body-small" color="secondary">
          {assumption} ({window}.)
        </Text>
      </Flex>
    </section>
  );
}
