import {
  GameDayScenario,
  GameDayScenariosResponse,
} from '@internal/plugin-nt-infra-common';
import { useApi } from '@backstage/core-plugin-api';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import { useState } from 'react';
import { ntInfraApiRef } from '../../api';
import forms from '../../lib/forms.module.css';
import { newIdempotencyKey } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { BudgetCostNotice } from '../BudgetCostNotice';
import { ConfirmDialog } from '../ConfirmDialog';

/**
 * The scenario library. Files that failed validation are listed with the
 * reason rather than hidden: whoever wrote one needs to see why it is not
 * runnable. Running one goes through a confirmation that lists its steps.
 */
export function ScenarioList(props: {
  library: GameDayScenariosResponse;
  onStarted: (id: string) => void;
}) {
  const api = useApi(ntInfraApiRef);
  const { library, onStarted } = props;
  const [chosen, setChosen] = useState<GameDayScenario>();
  // A new key per opened confirmation; retries inside it reuse the key.
  const [key, setKey] = useState(newIdempotencyKey);

  const start = async () => {
    if (!chosen) return;
    const run = await api.startGameDay(
      // The environment is sent so the server refuses a mismatch with the file.
      { scenario: chosen.name, environment: chosen.environment },
      key,
    );
    onStarted(run.id);
  };

  return (
    <section aria-label="Scenarios">
      <Flex direction="column" gap="3">
        <Text as="h3" variant="title-small">
          Scenarios
        </Text>
        {library.problems.length > 0 ? (
          <Alert
            status="warning"
            title={`${library.problems.length} scenario file(s) are invalid and cannot run`}
            description={
              <ul className={forms.list}>
                {library.problems.map(p => (
                  <li key={`${p.file}-${p.message}`}>
                    <span className={forms.mono}>{p.file}</span>: {p.message}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        {library.items.length === 0 ? (
          <Text color="secondary">No valid scenario in the library.</Text>
        ) : (
          <table className={table.table} aria-label="GameDay scenarios">
            <thead>
              <tr>
                <th>Scenario</th>
                <th>Environment</th>
                <th>Regions</th>
                <th>Steps</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {library.items.map(s => (
                <tr key={s.name}>
                  <td>
                    <Text weight="bold">{s.title}</Text>
                    <Text as="p" variant="body-small" color="secondary">
                      {s.description}
                    </Text>
                  </td>
                  <td>{s.environment}</td>
                  <td>{s.regions.join(', ')}</td>
                  <td className={table.numeric}>{s.steps.length}</td>
                  <td>
                    <Button
                      size="small"
                      aria-label={`Run ${s.title}`}
                      onPress={() => {
                        setKey(newIdempotencyKey());
                        setChosen(s);
                      }}
                    >
                      Run…
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Flex>
      {chosen ? (
        <ConfirmDialog
          isOpen
          title={`Run GameDay "${chosen.title}"?`}
          confirm="Start GameDay"
          destructive
          onConfirm={start}
          onClose={() => setChosen(undefined)}
        >
          <Text as="p">
            This runs {chosen.steps.length} step(s) against {chosen.environment}{' '}
            ({chosen.regions.join(', ')}), in order:
          </Text>
          <ol className={forms.list}>
            {chosen.steps.map(step => (
              <li key={step.name}>
                {step.name} ({step.type}, timeout {step.timeout})
                {step.description ? `: ${step.description}` : ''}
              </li>
            ))}
          </ol>
          <BudgetCostNotice
            load={() =>
              api.previewGameDay({
                scenario: chosen.name,
                environment: chosen.environment,
              })
            }
            deps={[api, chosen.name, chosen.environment]}
          />
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
