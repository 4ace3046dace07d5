import { mockApis } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { HaltState } from '@internal/plugin-nt-infra-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { signalBus } from '../../__testUtils__/signalBus';
import { HaltControl } from './HaltControl';
import { SIGNALS_SAFETY_REFRESH_MS } from '../../hooks/useLive';

describe('HaltControl kept live by signals', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows halt-all engaged by someone else as soon as its signal arrives, without polling', async () => {
    let halt: HaltState = { engaged: false };
    let reads = 0;
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/halt`, () => {
        reads++;
        return HttpResponse.json(halt);
      }),
    );
    const bus = signalBus();
    await renderSettled(<HaltControl />, {
      apis: [
        [ntInfraApiRef, mswNtInfraClient()],
        [signalApiRef, bus.api],
        mockApis.permission(),
      ],
    });
    expect(
      await screen.findByRole('button', { name: 'Halt all chaos' }),
    ).toBeInTheDocument();

    halt = {
      engaged: true,
      changedBy: 'user:default/carol',
      reason: 'SEV1 in eastus',
      changedAt: new Date().toISOString(),
    };
    // Short of the minute's safety refresh, which signals still keep.
    await advance(SIGNALS_SAFETY_REFRESH_MS - 5_000);
    expect(reads).toBe(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await bus.deliver('nt-infra:halt', { type: 'halt', engaged: true });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Halt-all engaged by user:default/carol: SEV1 in eastus',
    );
  });
});
