import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * Reads nt-infra's HTTP API as the search plugin itself (a service token for
 * nt-infra), like any other plugin: the collators never reach into
 * nt-infra's database, so what they index is what its API serves.
 */
export class NtInfraReader {
  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  /** `path` under `/api/nt-infra`, e.g. `/runs?limit=200`. */
  async get<T>(path: string): Promise<T> {
    const { auth, discovery } = this.deps;
    const baseUrl = await discovery.getBaseUrl('nt-infra');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'nt-infra',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
