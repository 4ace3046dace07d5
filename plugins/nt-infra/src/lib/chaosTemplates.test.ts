import {
  buildTemplate,
  DEFAULT_DRAFT,
  DEFAULT_STOP_CONDITION,
} from './chaosTemplates';

describe('buildTemplate', () => {
  it('sends numbers as numbers and leaves value out for one/all', () => {
    expect(
      buildTemplate('cpu-stress', { ...DEFAULT_DRAFT, mode: 'one' }, [
        DEFAULT_STOP_CONDITION,
      ]),
    ).toEqual({
      type: 'cpu-stress',
      workload: { namespace: 'ntai', name: 'ntai-api' },
      duration: '2m',
      mode: 'one',
      stopConditions: [DEFAULT_STOP_CONDITION],
      workers: 1,
      load: 80,
    });
  });

  it('builds the database throttle from the chosen throttle type', () => {
    const template = buildTemplate(
      'database-throttling',
      {
        ...DEFAULT_DRAFT,
        database: 'db1.example.com, 10.0.0.0/24',
        throttleType: 'bandwidth',
      },
      [DEFAULT_STOP_CONDITION],
    );
    expect(template).toMatchObject({
      value: 10,
      database: ['db1.example.com', '10.0.0.0/24'],
      throttle: { type: 'bandwidth', rateKbit: 1000 },
    });
  });
});
