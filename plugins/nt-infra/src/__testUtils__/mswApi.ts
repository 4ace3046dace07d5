import { mockApis } from '@backstage/frontend-test-utils';
import { MockFetchApi } from '@backstage/test-utils';
import { NtInfraClient } from '../api';

/** Where the backend's routes are mocked: the real client talks HTTP to msw. */
export const NT_INFRA_BASE_URL = 'http://backstage.test/api/nt-infra';

/** The plugin's real API client, its HTTP answered by the test's msw server. */
export function mswNtInfraApi(): NtInfraClient {
  return new NtInfraClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi({ injectIdentityAuth: { token: 'user-token' } }),
  });
}
