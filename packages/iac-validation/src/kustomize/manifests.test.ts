import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  copyRepo,
  describeWithTool,
  plant,
  removeTemp,
  REPO_ROOT,
} from '../util/testing';
import { buildOverlay, OVERLAYS } from './build';
import { validateManifests } from './manifests';

describeWithTool('kubectl', 'kustomize overlays', () => {
  it.each([...OVERLAYS])(
    '%s builds and passes the manifest checks',
    overlay => {
      expect(validateManifests(buildOverlay(REPO_ROOT, overlay))).toEqual([]);
    },
  );

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['kubernetes']);
    });
    afterEach(() => removeTemp(root));

    it('reports a broken overlay build', () => {
      plant(
        root,
        'kubernetes/overlays/staging/kustomization.yaml',
        '../../base',
        '../../basis',
      );
      expect(() => buildOverlay(root, 'staging')).toThrow(
        /kubectl kustomize .* failed/,
      );
    });

    it('reports a fixed replica count on a Deployment its HPA scales', () => {
      plant(
        root,
        'kubernetes/base/ntai/api.yaml',
        '  revisionHistoryLimit: 5',
        '  replicas: 2\n  revisionHistoryLimit: 5',
      );
      expect(validateManifests(buildOverlay(root, 'production'))).toContain(
        'Deployment ntai/ntai-api: spec.replicas (2) must not be set: HorizontalPodAutoscaler ntai/ntai-api owns the replica count',
      );
    });

    it('reports missing resources, probes and labels', () => {
      plant(
        root,
        'kubernetes/base/ntai/worker.yaml',
        / {10}readinessProbe:\n( {12}.*\n)+? {10}securityContext:/,
        '          securityContext:',
      );
      plant(
        root,
        'kubernetes/base/ntai/web.yaml',
        '            limits:\n              memory: 256Mi\n',
        '',
      );
      plant(
        root,
        'kubernetes/base/ntai/api.yaml',
        /( {2}template:\n {4}metadata:\n {6}labels:\n(.*\n)*?) {8}app.kubernetes.io\/component: api\n/,
        '$1',
      );
      const errors = validateManifests(buildOverlay(root, 'production')).join(
        '\n',
      );
      expect(errors).toMatch(
        /Deployment ntai\/ntai-worker container worker: readinessProbe is required/,
      );
      expect(errors).toMatch(
        /Deployment ntai\/ntai-web container web: resources\.limits\.memory is required/,
      );
      expect(errors).toMatch(
        /Deployment ntai\/ntai-api: label app\.kubernetes\.io\/component missing/,
      );
    });

    it('reports HPAs out of bounds or without target, and selectors that match nothing', () => {
      plant(
        root,
        'kubernetes/overlays/production/autoscaling.yaml',
        'minReplicas: 10',
        'minReplicas: 0',
      );
      plant(
        root,
        'kubernetes/base/ntai/worker.yaml',
        '    kind: Deployment\n    name: ntai-worker',
        '    kind: Deployment\n    name: ntai-workers',
      );
      plant(
        root,
        'kubernetes/base/ntai/web.yaml',
        /(kind: PodDisruptionBudget[\s\S]*?matchLabels:\n\s+)app.kubernetes.io\/name: ntai-web/,
        '$1app.kubernetes.io/name: ntai-frontend',
      );
      const errors = validateManifests(buildOverlay(root, 'production')).join(
        '\n',
      );
      expect(errors).toMatch(
        /HorizontalPodAutoscaler ntai\/ntai-api: replicas must satisfy .* \(got 0\.\.30\)/,
      );
      expect(errors).toMatch(
        /HorizontalPodAutoscaler ntai\/ntai-worker: scaleTargetRef Deployment\/ntai-workers/,
      );
      expect(errors).toMatch(
        /PodDisruptionBudget ntai\/ntai-web: selector matches no pods/,
      );
    });

    it('reports a portal with fewer than two replicas and a missing ConfigMap', () => {
      plant(
        root,
        'kubernetes/base/nt-infra/portal.yaml',
        '  replicas: 2',
        '  replicas: 1',
      );
      plant(
        root,
        'kubernetes/overlays/staging/kustomization.yaml',
        '  - name: nt-infra-portal\n    namespace: nt-infra\n',
        '  - name: nt-infra-settings\n    namespace: nt-infra\n',
      );
      const errors = validateManifests(buildOverlay(root, 'staging')).join(
        '\n',
      );
      expect(errors).toMatch(
        /Deployment nt-infra\/nt-infra-portal: needs at least 2 replicas/,
      );
      expect(errors).toMatch(/references missing ConfigMap nt-infra-portal/);
    });
  });
});

it('kubectl availability is reported clearly', () => {
  // Guards the message CI users see when kubectl is absent.
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-kubectl-'));
  const saved = process.env.PATH;
  process.env.PATH = empty;
  try {
    expect(() => buildOverlay(REPO_ROOT, 'staging')).toThrow(
      /kubectl is required .*install kubectl/,
    );
  } finally {
    process.env.PATH = saved;
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
