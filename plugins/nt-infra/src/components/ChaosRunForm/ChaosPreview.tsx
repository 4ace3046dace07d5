import { Alert, Flex, Text } from '@backstage/ui';
import {
  ChaosRunPreview,
  EnvironmentName,
} from '@internal/plugin-nt-infra-common';
import forms from '../../lib/forms.module.css';
import { formatStopCondition } from '../../lib/runs';
import { BlastRadiusTable } from '../BlastRadiusTable';

/** DESIGN.md principle 4: production runs touch at most 10 % of the matching pods. */
const PRODUCTION_MAX_FRACTION = 0.1;

/**
 * The policy's verdict first (refused runs must say why, in the server's
 * words), then the exact pods per region and the stop conditions that will
 * watch the run.
 */
export function ChaosPreview(props: {
  preview: ChaosRunPreview;
  environment: EnvironmentName;
}) {
  const { preview, environment } = props;
  return (
    <section aria-label="Preview">
      <Flex direction="column" gap="2">
        {preview.allowed ? (
          <Alert
            status="success"
            icon
            title="Allowed by policy"
            description={
              preview.windowId
                ? `Covered by production window ${preview.windowId}.`
                : undefined
            }
          />
        ) : (
          <Alert
            role="alert"
            status="danger"
            icon
            title="Refused by policy"
            description={
              <ul className={forms.list} aria-label="Refusal reasons">
                {preview.reasons.map(r => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            }
          />
        )}
        <BlastRadiusTable
          rows={preview.blastRadius}
          limit={
            environment === 'production' ? PRODUCTION_MAX_FRACTION : undefined
          }
        />
        <Text variant="body-small">Stop conditions:</Text>
        <ul className={forms.list} aria-label="Preview stop conditions">
          {preview.stopConditions.map(c => (
            <li key={formatStopCondition(c)} className={forms.mono}>
              {formatStopCondition(c)}
            </li>
          ))}
        </ul>
      </Flex>
    </section>
  );
}
