import fs from 'fs';
import path from 'path';
import { describeRequiring, REFERENCE_DIR } from '../util/testing';
import { conformanceErrors, CRD_FILES } from './conformance';
import { CHAOS_SCHEMAS, ChaosKind, SchemaSet } from './schemas';

/** Reference CRDs live outside the repository: CI fails without them, a local run skips. */
const CRD_DIR = path.join(REFERENCE_DIR, 'chaos-mesh');

describeRequiring(
  'chaos schemas conform to the Chaos Mesh CRDs',
  fs.existsSync(CRD_DIR)
    ? undefined
    : `${CRD_DIR} does not exist (Chaos Mesh CRDs from chaos-mesh/config/crd/bases)`,
  () => {
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
  },
);
