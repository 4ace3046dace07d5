import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { Link } from '@backstage/ui';
import { azureResourceUrl, readAzurePortalConfig } from '../../lib/azurePortal';

/**
 * "Open in Azure portal" for an ARM resource; nothing when
 * `ntInfra.azurePortal.baseUrl` is not configured.
 */
export function AzurePortalLink(props: {
  resourceId: string;
  /** What the resource is, for the accessible name. */
  what: string;
}) {
  const portal = readAzurePortalConfig(useApi(configApiRef));
  if (!portal) return null;
  return (
    <Link
      href={azureResourceUrl(portal, props.resourceId)}
      target="_blank"
      rel="noopener noreferrer"
      variant="body-small"
      aria-label={`Open ${props.what} in the Azure portal (new tab)`}
    >
      Open in Azure portal
    </Link>
  );
}
