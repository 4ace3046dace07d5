import { mockApis } from '@backstage/frontend-test-utils';
import { MockFetchApi } from '@backstage/test-utils';
import { NtInfraClient } from '../api';

/** Where the msw handlers of component tests answer the plugin's requests. */
export const NT_INFRA_TEST_URL = 'http://backstage.test/api/nt-infra';

/**
 * The plugin's real client against msw: a component test then drives the
 * same requests, query strings and error responses as the browser does, and
 * only the HTTP boundary is replaced.
 */
export function mswNtInfraClient(): NtInfraClient {
  return new NtInfraClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });
}
