import { Alert, Text } from '@backstage/ui';
import { useNow } from '../../hooks/useNow';
import { Polled } from '../../hooks/usePolling';
import { formatAge } from '../../lib/format';

/**
 * Whether the view is live. When a refresh fails the last data stays on screen
 * (blanking the page mid-incident helps nobody), and this banner says plainly
 * that it is stale and since when.
 */
export function RefreshStatus(props: {
  polled: Pick<Polled<unknown>, 'error' | 'loadedAt'>;
  /** What is being refreshed, e.g. "regions". */
  what: string;
  intervalMs: number;
}) {
  const { polled, what, intervalMs } = props;
  const now = useNow();
  const since = polled.loadedAt ? formatAge(now - polled.loadedAt) : undefined;

  if (polled.error) {
    return (
      <Alert
        role="alert"
        status="danger"
        icon
        title={`Refreshing ${what} failed: ${polled.error.message}`}
        description={`Showing ${what} as loaded ${
          since ?? 'earlier'
        } — stale. Retrying every ${intervalMs / 1000} s.`}
      />
    );
  }
  return (
    <Text variant="body-x-small" color="secondary" role="status">
      Live: {what} refresh every {intervalMs / 1000} s
      {since ? `, last ${since}` : ''}.
    </Text>
  );
}
