import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { readAzureConfig } from './readAzureConfig';

const read = (azure: object) =>
  readAzureConfig(new ConfigReader({ ntInfra: { azure } }));

describe('readAzureConfig', () => {
  it('defaults to the public cloud, DefaultAzureCredential and bounded retries', () => {
    expect(readAzureConfig(new ConfigReader({}))).toEqual({
      resourceManagerEndpoint: 'https://management.azure.com',
      caFiles: [],
      credential: { type: 'default' },
      retry: { maxRetries: 3, retryDelayMs: 500, maxRetryDelayMs: 10_000 },
      timeoutMs: 10_000,
    });
  });

  it('resolves relative CA files against the working directory, as Backstage does', () => {
    expect(read({ caFiles: ['../../.sandbox/ca.pem'] }).caFiles).toEqual([
      path.resolve(process.cwd(), '../../.sandbox/ca.pem'),
    ]);
  });

  it('refuses at startup what could never work', () => {
    expect(() =>
      read({ resourceManagerEndpoint: 'http://127.0.0.1:7101' }),
    ).toThrow(/resourceManagerEndpoint must be an https URL/);
    expect(() => read({ credential: { type: 'static' } })).toThrow(
      'ntInfra.azure.credential.token is required for static',
    );
    expect(() => read({ retry: { maxRetries: -1 } })).toThrow(
      'ntInfra.azure.retry.maxRetries must be an integer >= 0',
    );
  });
});
