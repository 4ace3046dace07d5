import { Text } from '@backstage/ui';
import {
  ChaosRunPreview,
  EnvironmentName,
} from '@internal/plugin-nt-infra-common';
import forms from '../../lib/forms.module.css';
import { formatStopCondition } from '../../lib/runs';

/** The previewed run in one paragraph: what the confirmation is agreeing to. */
export function StartSummary(props: {
  preview: ChaosRunPreview;
  environment: EnvironmentName;
  regions: string[];
}) {
  const { preview, environment, regions } = props;
  const spec = (preview.resource.spec ?? {}) as { duration?: unknown };
  const kind =
    typeof preview.resource.kind === 'string' ? preview.resource.kind : 'fault';
  const pods = preview.blastRadius.reduce((n, r) => n + r.targets.length, 0);
  return (
    <>
      <Text as="p">
        A {kind} hits {pods} pod{pods === 1 ? '' : 's'} in {environment} (
        {regions.join(', ')})
        {typeof spec.duration === 'string' ? ` for ${spec.duration}` : ''}. The
        run page opens when it starts.
      </Text>
      {preview.stopConditions.length > 0 ? (
        <>
          <Text as="p" variant="body-small">
            It is rolled back at once if:
          </Text>
          <ul className={forms.list}>
            {preview.stopConditions.map(c => (
              <li key={formatStopCondition(c)} className={forms.mono}>
                {formatStopCondition(c)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
