import { useApi } from '@backstage/core-plugin-api';
import { Alert, Button, Checkbox, Flex, Text } from '@backstage/ui';
import {
  ChaosRunPreview,
  ChaosRunRequest,
  ChaosTemplateType,
  EnvironmentHealth,
  EnvironmentName,
  ExperimentsResponse,
  Run,
} from '@internal/plugin-nt-infra-common';
import { useState } from 'react';
import { ntInfraApiRef } from '../../api';
import {
  buildTemplate,
  DEFAULT_DRAFT,
  DEFAULT_STOP_CONDITION,
  TEMPLATE_LABELS,
  TemplateDraft,
} from '../../lib/chaosTemplates';
import { errorMessage } from '../../lib/errors';
import forms from '../../lib/forms.module.css';
import { newIdempotencyKey } from '../../lib/runs';
import { ConfirmDialog } from '../ConfirmDialog';
import { SelectField } from '../SelectField';
import {
  StopConditionDraft,
  StopConditionsEditor,
  toDrafts,
  toStopConditions,
} from '../StopConditionsEditor';
import { ChaosPreview } from './ChaosPreview';
import { StartSummary } from './StartSummary';
import { TemplateFields } from './TemplateFields';

/** `library:<id>` or a template type. */
type Source = string;

const templateTypes = Object.keys(TEMPLATE_LABELS) as ChaosTemplateType[];

function isTemplate(source: Source): source is ChaosTemplateType {
  return (templateTypes as string[]).includes(source);
}

/**
 * Pick an experiment or a template, where, then Preview: the server answers
 * with the exact pods and its verdict, and only an allowed preview can be
 * started. Any edit discards the preview, so what was reviewed is what runs.
 */
export function ChaosRunForm(props: {
  library: ExperimentsResponse;
  environments: EnvironmentHealth[];
  /** `library:<id>` chosen from the library table. */
  initialSource?: Source;
  onStarted: (run: Run) => void;
}) {
  const { library, environments, onStarted } = props;
  const api = useApi(ntInfraApiRef);
  const [source, setSource] = useState<Source>(
    props.initialSource ?? 'pod-failure',
  );
  const experiment = library.items.find(e => `library:${e.id}` === source);
  const [environment, setEnvironment] = useState<EnvironmentName>(
    experiment?.environment ?? environments[0]?.name ?? 'production',
  );
  const regionNames =
    environments.find(e => e.name === environment)?.regions.map(r => r.name) ??
    [];
  const [regions, setRegions] = useState<string[]>(regionNames.slice(0, 1));
  const [draft, setDraft] = useState<TemplateDraft>(DEFAULT_DRAFT);
  const [stops, setStops] = useState<StopConditionDraft[]>(
    toDrafts([DEFAULT_STOP_CONDITION]),
  );
  const [preview, setPreview] = useState<ChaosRunPreview>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  // One key per "Start" intent: kept across retries of the same preview.
  const [startKey, setStartKey] = useState<string>();
  const [confirming, setConfirming] = useState(false);

  /** Every edit invalidates the preview and the pending start. */
  const edit =
    <T,>(setter: (v: T) => void) =>
    (value: T) => {
      setter(value);
      setPreview(undefined);
      setStartKey(undefined);
      setError(undefined);
    };

  const request = (): ChaosRunRequest => ({
    environment,
    regions,
    ...(isTemplate(source)
      ? { template: buildTemplate(source, draft, toStopConditions(stops)) }
      : { experimentId: experiment?.id }),
  });

  const run = async (action: () => Promise<void>) => {
    setPending(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  const doPreview = () =>
    run(async () => {
      setPreview(await api.previewChaosRun(request()));
    });

  const openConfirm = () => {
    setStartKey(key => key ?? newIdempotencyKey());
    setConfirming(true);
  };

  /** Errors stay in the dialog (ConfirmDialog shows them); the same key makes a retry safe. */
  const doStart = async () => {
    const key = startKey ?? newIdempotencyKey();
    setStartKey(key);
    const started = await api.startChaosRun(request(), key);
    setPreview(undefined);
    setStartKey(undefined);
    onStarted(started);
  };

  const sourceOptions = [
    ...templateTypes.map(t => ({
      value: t as Source,
      label: `Template: ${TEMPLATE_LABELS[t]}`,
    })),
    ...library.items.map(e => ({
      value: `library:${e.id}`,
      label: `Library: ${e.title} (${e.environment})`,
    })),
  ];

  return (
    <section aria-label="Run an experiment">
      <Flex direction="column" gap="3">
        <Text as="h3" variant="title-x-small">
          Run an experiment
        </Text>
        <div className={forms.grid}>
          <SelectField
            label="Experiment"
            value={source}
            options={sourceOptions}
            onChange={edit((value: Source) => {
              setSource(value);
              const chosen = library.items.find(
                e => `library:${e.id}` === value,
              );
              if (chosen) setEnvironment(chosen.environment);
            })}
          />
          <SelectField
            label="Environment"
            value={environment}
            options={environments.map(e => ({ value: e.name, label: e.name }))}
            onChange={edit((value: EnvironmentName) => {
              setEnvironment(value);
              const first = environments.find(e => e.name === value)
                ?.regions[0];
              setRegions(first ? [first.name] : []);
            })}
          />
        </div>
        <fieldset className={forms.fieldset}>
          <legend>Regions</legend>
          {regionNames.map(name => (
            <Checkbox
              key={name}
              isSelected={regions.includes(name)}
              onChange={edit((on: boolean) =>
                setRegions(
                  on ? [...regions, name] : regions.filter(r => r !== name),
                ),
              )}
            >
              {name}
            </Checkbox>
          ))}
        </fieldset>
        {experiment ? (
          <Text variant="body-small" color="secondary">
            {experiment.description} Expected impact:{' '}
            {experiment.expectedImpact}
          </Text>
        ) : null}
        {isTemplate(source) ? (
          <>
            <TemplateFields
              type={source}
              draft={draft}
              onChange={edit(setDraft)}
            />
            <StopConditionsEditor value={stops} onChange={edit(setStops)} />
          </>
        ) : null}
        <div className={forms.inline}>
          <Button
            variant="secondary"
            onPress={doPreview}
            isDisabled={pending || regions.length === 0}
          >
            Preview
          </Button>
          {preview ? (
            <Button
              destructive
              onPress={openConfirm}
              isDisabled={pending || !preview.allowed}
            >
              Start run
            </Button>
          ) : null}
        </div>
        {preview ? (
          <ConfirmDialog
            isOpen={confirming}
            title={`Start this run in ${environment}?`}
            confirm="Start now"
            destructive
            onConfirm={doStart}
            onClose={() => setConfirming(false)}
          >
            <StartSummary
              preview={preview}
              environment={environment}
              regions={regions}
            />
          </ConfirmDialog>
        ) : null}
        {error ? <Alert role="alert" status="danger" title={error} /> : null}
        {preview ? (
          <ChaosPreview preview={preview} environment={environment} />
        ) : null}
      </Flex>
    </section>
  );
}
