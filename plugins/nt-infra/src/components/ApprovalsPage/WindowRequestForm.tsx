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
import { timeZoneName } from '../../lib/format';
import forms from '../../lib/forms.module.css';
import { MAX_PERCENT, validateWindowDraft } from '../../lib/windowDraft';
import {
  StopConditionDraft,
  StopConditionsEditor,
  toDrafts,
  toStopConditions,
} from '../StopConditionsEditor';

function instant(local: string): string {
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? local : new Date(ms).toISOString();
}

/**
 * Ask for a production chaos window. The server decides every rule (future
 * start, ≤ 8 h, known experiments, ≤ 10 %); the form checks the same ones at
 * each field so the mistake is named where it is, and a server refusal
 * disappears as soon as the input changes.
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
  const [submitted, setSubmitted] = useState(false);

  const fraction = Number(percent) / 100;
  const draft = {
    startsAt,
    endsAt,
    reason,
    experiments: chosen,
    regions: chosenRegions,
    percent,
  };
  const errors = validateWindowDraft(draft, Date.now(), submitted);
  const invalid = Object.keys(errors).length > 0;
  const zone = timeZoneName();
  const toggle = (list: string[], item: string, on: boolean) =>
    on ? [...list, item] : list.filter(i => i !== item);
  /** Any edit clears the server's last refusal: it was about the old input. */
  const edit =
    <T,>(setter: (v: T) => void) =>
    (value: T) => {
      setter(value);
      setError(undefined);
    };
  const fieldError = (id: string, message?: string) =>
    message ? (
      <span id={id} className={forms.fieldError}>
        {message}
      </span>
    ) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateWindowDraft(draft, Date.now(), true)).length) {
      return;
    }
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
      setSubmitted(false);
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
          <div className={forms.field}>
            <label htmlFor="window-startsat">Starts ({zone})</label>
            <input
              id="window-startsat"
              type="datetime-local"
              required
              value={startsAt}
              aria-invalid={errors.startsAt ? true : undefined}
              aria-describedby={
                errors.startsAt ? 'window-starts-error' : undefined
              }
              onChange={e => edit(setStartsAt)(e.target.value)}
            />
            {fieldError('window-starts-error', errors.startsAt)}
          </div>
          <div className={forms.field}>
            <label htmlFor="window-endsat">Ends ({zone})</label>
            <input
              id="window-endsat"
              type="datetime-local"
              required
              value={endsAt}
              aria-invalid={errors.endsAt ? true : undefined}
              aria-describedby={errors.endsAt ? 'window-ends-error' : undefined}
              onChange={e => edit(setEndsAt)(e.target.value)}
            />
            {fieldError('window-ends-error', errors.endsAt)}
          </div>
          <TextField
            label="Max fraction of pods (%)"
            description={`At most ${MAX_PERCENT} % in production`}
            value={percent}
            onChange={edit(setPercent)}
            isInvalid={Boolean(errors.percent)}
            size="small"
          />
        </div>
        <TextField
          label="Reason"
          value={reason}
          onChange={edit(setReason)}
          isRequired
          isInvalid={Boolean(errors.reason)}
          size="small"
        />
        {fieldError('window-reason-error', errors.reason)}
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
              onChange={on => edit(setChosen)(toggle(chosen, e.id, on))}
            >
              {e.title}
            </Checkbox>
          ))}
          <Checkbox
            isSelected={chosen.includes(FAILOVER_TEST_EXPERIMENT)}
            onChange={on =>
              edit(setChosen)(toggle(chosen, FAILOVER_TEST_EXPERIMENT, on))
            }
          >
            Region failover test (takes the primary out of Traffic Manager; also
            GameDays)
          </Checkbox>
          {fieldError('window-experiments-error', errors.experiments)}
        </fieldset>
        <fieldset className={forms.fieldset}>
          <legend>Regions</legend>
          {regions.map(r => (
            <Checkbox
              key={r}
              isSelected={chosenRegions.includes(r)}
              onChange={on =>
                edit(setChosenRegions)(toggle(chosenRegions, r, on))
              }
            >
              {r}
            </Checkbox>
          ))}
          {fieldError('window-regions-error', errors.regions)}
        </fieldset>
        <StopConditionsEditor value={stops} onChange={edit(setStops)} />
        {errors.percent ? (
          <Text color="danger">
            The fraction must be above 0 and at most {MAX_PERCENT} %.
          </Text>
        ) : null}
        {error ? <Alert role="alert" status="danger" title={error} /> : null}
        <div>
          <Button
            type="submit"
            isDisabled={pending || invalid}
            isPending={pending}
          >
            Request window
          </Button>
        </div>
      </Flex>
    </form>
  );
}
