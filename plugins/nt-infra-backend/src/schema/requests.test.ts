import { resilienceQuery } from '@internal/plugin-nt-infra-common';
import { parse } from './requests';

describe('parse', () => {
  it('names a misspelt query parameter rather than the required one it stood for', () => {
    expect(() =>
      parse(
        resilienceQuery,
        { entityref: 'component:default/ntai-api' },
        'query parameter',
      ),
    ).toThrow("Invalid query parameter 'entityref': Unrecognized key");
  });

  it('names a missing required parameter when nothing else is wrong', () => {
    expect(() => parse(resilienceQuery, {}, 'query parameter')).toThrow(
      "Invalid query parameter 'entityRef'",
    );
  });
});
