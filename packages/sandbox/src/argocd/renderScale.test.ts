import fs from 'node:fs';
import path from 'node:path';
import { ReadFile, renderScale } from './renderScale';

const REPO = path.resolve(__dirname, '../../../..');

const fromRepo: ReadFile = async file => {
  try {
    return fs.readFileSync(path.join(REPO, file), 'utf8');
  } catch {
    return undefined;
  }
};

const inMemory =
  (files: Record<string, string>): ReadFile =>
  async file =>
    files[file];

describe('renderScale', () => {
  it("reads the repository's overlays: base Deployments with each overlay's autoscaler bounds", async () => {
    const staging = await renderScale(fromRepo, 'kubernetes/overlays/staging');
    const production = await renderScale(
      fromRepo,
      'kubernetes/overlays/production',
    );
    const api = (targets: typeof staging) =>
      targets.find(t => t.namespace === 'ntai' && t.name === 'ntai-api');
    expect(api(staging)).toEqual({
      namespace: 'ntai',
      name: 'ntai-api',
      autoscaler: { name: 'ntai-api', minReplicas: 2, maxReplicas: 5 },
    });
    expect(api(production)?.autoscaler).toEqual({
      name: 'ntai-api',
      minReplicas: 10,
      maxReplicas: 30,
    });
    expect(staging.map(t => t.name)).toEqual(
      expect.arrayContaining(['ntai-api', 'ntai-web', 'ntai-worker']),
    );
  });

  it('applies namespace, replicas entries, inline JSON 6902 and strategic-merge patches', async () => {
    const read = inMemory({
      'base/kustomization.yaml': 'resources: [app.yaml]\n',
      'base/app.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: a, namespace: x}',
        'spec: {replicas: 1}',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: b, namespace: x}',
        '---',
        'apiVersion: autoscaling/v2',
        'kind: HorizontalPodAutoscaler',
        'metadata: {name: b, namespace: x}',
        'spec:',
        '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: b}',
        '  maxReplicas: 6',
      ].join('\n'),
      'over/kustomization.yaml': [
        'resources: [../base]',
        'namespace: y',
        'replicas: [{name: a, count: 4}]',
        'patches:',
        '  - target: {kind: HorizontalPodAutoscaler, name: b}',
        '    patch: |-',
        '      - op: replace',
        '        path: /spec/maxReplicas',
        '        value: 8',
        '  - path: floor.yaml',
      ].join('\n'),
      'over/floor.yaml': [
        'apiVersion: autoscaling/v2',
        'kind: HorizontalPodAutoscaler',
        'metadata: {name: b}',
        'spec: {minReplicas: 3}',
      ].join('\n'),
    });
    expect(await renderScale(read, 'over')).toEqual([
      { namespace: 'y', name: 'a', replicas: 4 },
      {
        namespace: 'y',
        name: 'b',
        autoscaler: { name: 'b', minReplicas: 3, maxReplicas: 8 },
      },
    ]);
  });

  it('names the file an overlay refers to that does not exist', async () => {
    const read = inMemory({
      'over/kustomization.yaml': 'resources: [gone.yaml]\n',
    });
    await expect(renderScale(read, 'over')).rejects.toThrow(
      'over/gone.yaml does not exist',
    );
    await expect(renderScale(read, 'nowhere')).rejects.toThrow(
      'nowhere/kustomization.yaml does not exist',
    );
  });
});
