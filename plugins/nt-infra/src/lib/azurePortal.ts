import { ConfigApi } from '@backstage/core-plugin-api';

/** The Azure portal the resources are in, from `ntInfra.azurePortal`. */
export interface AzurePortalConfig {
  baseUrl: string;
  /** Tenant domain or id, so the link opens in the right directory. */
  tenant?: string;
}

/**
 * Undefined unless configured: the embedded world's resource ids name no
 * real subscription, so only a deployment against Azure turns the links on.
 */
export function readAzurePortalConfig(
  config: ConfigApi,
): AzurePortalConfig | undefined {
  const portal = config.getOptionalConfig('ntInfra.azurePortal');
  const baseUrl = portal?.getOptionalString('baseUrl')?.trim();
  if (!portal || !baseUrl) return undefined;
  const tenant = portal.getOptionalString('tenant')?.trim() || undefined;
  return { baseUrl: baseUrl.replace(/\/+$/, ''), tenant };
}

/** The portal's page of an ARM resource (`/subscriptions/…/providers/…`). */
export function azureResourceUrl(
  portal: AzurePortalConfig,
  resourceId: string,
): string {
  const directory = portal.tenant
    ? `@${encodeURIComponent(portal.tenant)}/`
    : '';
  return `${portal.baseUrl}/#${directory}resource${resourceId}/overview`;
}
