import { Entity } from '@backstage/catalog-model';
import { rolledBackRun, runSummary } from '../../__fixtures__/chaos';
import { readEntityWorkload, runHitsWorkload } from './entityWorkload';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ntai-api', annotations },
  };
}

function chaosRun(selector: Record<string, unknown>, namespace = 'ntai') {
  return runSummary(rolledBackRun, {
    params: {
      resource: {
        kind: 'PodChaos',
        metadata: { name: 'x', namespace },
        spec: { selector },
      },
    },
  });
}

describe('readEntityWorkload', () => {
  it('reads the label selector and namespace annotations', () => {
    expect(
      readEntityWorkload(
        entity({
          'backstage.io/kubernetes-namespace': 'ntai',
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/name=ntai-api, tier==backend',
        }),
      ),
    ).toEqual({
      namespace: 'ntai',
      labels: { 'app.kubernetes.io/name': 'ntai-api', tier: 'backend' },
    });
  });

  it('falls back to the kubernetes-id label the Kubernetes plugin uses', () => {
    expect(
      readEntityWorkload(entity({ 'backstage.io/kubernetes-id': 'ntai-api' })),
    ).toEqual({ labels: { 'backstage.io/kubernetes-id': 'ntai-api' } });
  });

  it('names no workload for selectors it cannot compare, or none at all', () => {
    expect(
      readEntityWorkload(
        entity({ 'backstage.io/kubernetes-label-selector': 'app in (a,b)' }),
      ),
    ).toBeUndefined();
    expect(
      readEntityWorkload(
        entity({ 'backstage.io/kubernetes-label-selector': 'app!=web' }),
      ),
    ).toBeUndefined();
    expect(readEntityWorkload(entity({}))).toBeUndefined();
  });
});

describe('runHitsWorkload', () => {
  const api = {
    namespace: 'ntai',
    labels: { 'app.kubernetes.io/name': 'ntai-api' },
  };

  it('counts a run whose selector requires the workload labels in its namespace', () => {
    const selector = {
      labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' },
    };
    expect(runHitsWorkload(chaosRun(selector), api)).toBe(true);
    expect(
      runHitsWorkload(
        chaosRun({ ...selector, namespaces: ['ntai'] }, 'chaos-mesh'),
        api,
      ),
    ).toBe(true);
    // Narrower than the entity's selector: still only its pods.
    expect(
      runHitsWorkload(
        chaosRun({
          labelSelectors: { 'app.kubernetes.io/name': 'ntai-api', zone: '1' },
        }),
        api,
      ),
    ).toBe(true);
  });

  it('does not count another workload, another namespace or a broader selector', () => {
    expect(
      runHitsWorkload(
        chaosRun({ labelSelectors: { 'app.kubernetes.io/name': 'ntai-web' } }),
        api,
      ),
    ).toBe(false);
    expect(
      runHitsWorkload(
        chaosRun(
          { labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' } },
          'other',
        ),
        api,
      ),
    ).toBe(false);
    expect(
      runHitsWorkload(chaosRun({ labelSelectors: { tier: 'backend' } }), api),
    ).toBe(false);
    expect(runHitsWorkload(runSummary(rolledBackRun), api)).toBe(false);
  });
});
