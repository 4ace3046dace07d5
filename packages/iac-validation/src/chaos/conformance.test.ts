import fs from 'fs';
import path from 'path';
import { REPO_ROOT } from '../util/testing';
import { conformanceErrors, CRD_FILES } from './conformance';
import { CHAOS_SCHEMAS, ChaosKind, SchemaSet } from './schemas';

/** Reference CRDs live outside the repository; CI images that lack them skip, loudly. */
const CRD_DIR = path.resolve(REPO_ROOT, '../shared/reference/chaos-mesh');
const haveCrds = fs.existsSync(CRD_DIR);
if (!haveCrds) {
  // eslint-disable-next-line no-console
  console.warn(
    `SKIPPED chaos schema conformance: ${CRD_DIR} does not exist (Chaos Mesh CRDs from chaos-mesh/config/crd/bases).`,
  );
}
const describeIfCrds = haveCrds ? describe : describe.skip;

describeIfCrds('chaos schemas conform to the Chaos Mesh CRDs', () => {
  it.each(Object.keys(CRD_FILES) as ChaosKind[])('%s', kind => {
    expect(conformanceErrors(kind, CRD_DIR)).toEqual([]);
  });

  it('detects a field or type the CRD does not have', () => {
    // A faulty copy of our schemas: one invented field, one wrong type.
    const faulty: SchemaSet = JSON.parse(JSON.stringify(CHAOS_SCHEMAS));
    const spec = (faulty.common.definitions as any).podChaosSpec.properties;
    spec.blastRadius = { type: 'string' };
    spec.gracePeriod = { type: 'string' };
    const errors = conformanceErrors('PodChaos', CRD_DIR, faulty);
    expect(errors).toContain(
      'PodChaos: spec.blastRadius is allowed by our schema but does not exist in the CRD',
    );
    expect(errors).toContain(
      'PodChaos: spec.gracePeriod is string in our schema but integer in the CRD',
    );
  });
});
