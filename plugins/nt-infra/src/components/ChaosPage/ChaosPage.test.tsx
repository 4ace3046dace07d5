import { screen } from '@testing-library/react';
import { ntInfraApiRef } from '../../api';
import { experiments } from '../../__fixtures__/chaos';
import { productionRegions } from '../../__fixtures__/regions';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { ChaosPage } from './ChaosPage';

function api() {
  return mockNtInfraApi({
    getExperiments: jest.fn().mockResolvedValue(experiments),
    getRegions: jest.fn().mockResolvedValue(productionRegions),
    getHalt: jest.fn().mockResolvedValue({ engaged: false }),
    getRuns: jest.fn().mockResolvedValue({ items: [] }),
  });
}

const latency = experiments.items[1];

describe('ChaosPage', () => {
  it("opens an experiment's link (from search) with that experiment in the form", async () => {
    await renderSettled(<ChaosPage />, {
      apis: [[ntInfraApiRef, api()]],
      initialRouteEntries: [
        `/nt-infra/chaos?experiment=${encodeURIComponent(latency.id)}`,
      ],
    });
    expect(await screen.findByLabelText('Experiment')).toHaveValue(
      `library:${latency.id}`,
    );
  });

  it('starts from a template when the link names no experiment of the library', async () => {
    await renderSettled(<ChaosPage />, {
      apis: [[ntInfraApiRef, api()]],
      initialRouteEntries: [
        '/nt-infra/chaos?experiment=PodChaos%2Fntai%2Fgone',
      ],
    });
    expect(await screen.findByLabelText('Experiment')).toHaveValue(
      'pod-failure',
    );
  });
});
