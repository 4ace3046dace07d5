import { useApi } from '@backstage/core-plugin-api';
import { Alert, Button, Checkbox, Flex, Text, TextField } from '@backstage/ui';
import {
  ChaosWindow,
  Experiment,
  FAILOVER_TEST_EXPERIMENT,
} from '@internal/plugin-nt-infra-common';
import { FormEvent, useState } from 'react';
import { ntInfraApiRef } from '../../api';
import { DEFAULT_STOP_CONDITION } from '../../lib/chaosTemplates';
import { errorMessage } from '../../lib/errors';
import forms from '../../lib/forms.module.css';
import {
  StopConditionDraft,
  StopConditionsEditor,
  toDrafts,
  toStopConditions,
} from '../StopConditionsEditor';

/** The policy's ceiling for production (DESIGN.md principle 4). */
const MAX_PERCENT = 10;

function instant(local: string): string {
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? local : new Date(ms).toISOString();
}

/**
 * Ask for a production chaos window. The server decides every rule (future
 * start, ≤ 8 h, known experiments, ≤ 10 %); the form only stops the obvious
 * mistake of a fraction above the policy's ceiling before the round trip.
 */
export function WindowRequestForm(props: {
  experiments: Experiment[];
  regions: string[];
  onRequested: (window: ChaosWindow) => void;
}) {
  const { experiments, regions, onRequested } = props;
  const api = useApi(ntInfraApiRef);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [reason, setReason] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [chosenRegions, setChosenRegions] = useState<string[]>(
    regions.slice(0, 1),
  );
  const [percent, setPercent] = useState('10');
  const [stops, setStops] = useState<StopConditionDraft[]>(
    toDrafts([DEFAULT_STOP_CONDITION]),
  );
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const fraction = Number(percent) / 100;
  const fractionOk = fraction > 0 && fraction <= MAX_PERCENT / 100;
  const toggle = (list: string[], item: string, on: boolean) =>
    on ? [...list, item] : list.filter(i => i !== item);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const window = await api.requestWindow({
        environment: 'production',
        startsAt: instant(startsAt),
        endsAt: instant(endsAt),
        reason: reason.trim(),
        limits: {
          experiments: chosen,
          regions: chosenRegions,
          maxFraction: fraction,
          stopConditions: toStopConditions(stops),
        },
      });
      setReason('');
      onRequested(window);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <form aria-label="Request a production window" onSubmit={submit}>
      <Flex direction="column" gap="3">
        <Text as="h3" variant="title-x-small">
          Request a production window
        </Text>
        <div className={forms.grid}>
          <label className={forms.field}>
            Starts
            <input
              type="datetime-local"
              required
              value={startsAt}
              onChange={e => setStartsAt(e.target.value)}
            />
          </label>
          <label className={forms.field}>
            Ends
            <input
              type="datetime-local"
              required
              value={endsAt}
              onChange={e => setEndsAt(e.target.value)}
            />
          </label>
          <TextField
            label="Max fraction of pods (%)"
            description={`At most ${MAX_PERCENT} % in production`}
            value={percent}
            onChange={setPercent}
            size="small"
          />
        </div>
        <TextField
          label="Reason"
          value={reason}
          onChange={setReason}
          isRequired
          size="small"
        />
        <fieldset className={forms.fieldset}>
          <legend>Experiments (production library items)</legend>
          {experiments.length === 0 ? (
            <Text color="secondary">
              The library has no production experiments.
            </Text>
          ) : null}
          {experiments.map(e => (
            <Checkbox
              key={e.id}
              isSelected={chosen.includes(e.id)}
              onChange={on => setChosen(toggle(chosen, e.id, on))}
            >
              {e.title}
            </Checkbox>
          ))}
          <Checkbox
            isSelected={chosen.includes(FAILOVER_TEST_EXPERIMENT)}
            onChange={on =>
              setChosen(toggle(chosen, FAILOVER_TEST_EXPERIMENT, on))
            }
          >
            Region failover test (takes the primary out of Traffic Manager; also
            GameDays)
          </Checkbox>
        </fieldset>
        <fieldset className={forms.fieldset}>
          <legend>Regions</legend>
          {regions.map(r => (
            <Checkbox
              key={r}
              isSelected={chosenRegions.includes(r)}
              onChange={on => setChosenRegions(toggle(chosenRegions, r, on))}
            >
              {r}
            </Checkbox>
          ))}
        </fieldset>
        <StopConditionsEditor value={stops} onChange={setStops} />
        {!fractionOk ? (
          <Text color="danger">
            The fraction must be above 0 and at most {MAX_PERCENT} %.
          </Text>
        ) : null}
        {error ? <Alert role="alert" status="danger" title={error} /> : null}
        <div>
          <Button
            type="submit"
            isDisabled={
              pending || !fractionOk || !reason.trim() || !startsAt || !endsAt
            }
            isPending={pending}
          >
            Request window
          </Button>
        </div>
      </Flex>
    </form>
  );
}
