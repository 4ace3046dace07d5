import fs from 'fs';
import path from 'path';
import { formatProblems } from '../types';
import {
  copyRepo,
  describeWithTool,
  plant,
  removeTemp,
  REPO_ROOT,
} from '../util/testing';
import {
  providerFreeModules,
  terraformFmtCheck,
  terraformValidate,
} from './terraformCli';

jest.setTimeout(180_000);

describe('providerFreeModules', () => {
  it('finds the modules that need no provider', () => {
    expect(providerFreeModules(REPO_ROOT)).toEqual([
      'terraform/modules/naming',
      'terraform/modules/prometheus-rules',
      'terraform/modules/region-capabilities',
    ]);
  });
});

describeWithTool('terraform', 'terraform fmt and validate', () => {
  it('accepts the repository terraform/ tree', () => {
    expect(
      formatProblems([
        ...terraformFmtCheck(REPO_ROOT),
        ...terraformValidate(REPO_ROOT),
      ]),
    ).toBe('');
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['terraform']);
    });
    afterEach(() => removeTemp(root));

    it('reports a file out of canonical format', () => {
      plant(
        root,
        'terraform/modules/naming/main.tf',
        'resource_group    = ',
        'resource_group = ',
      );
      expect(formatProblems(terraformFmtCheck(root))).toMatch(
        /terraform\/modules\/naming\/main\.tf: not in canonical format/,
      );
    });

    it('reports what only terraform validate sees: a reference to an undeclared local', () => {
      fs.appendFileSync(
        path.join(root, 'terraform/modules/region-capabilities/outputs.tf'),
        '\noutput "broken" {\n  description = "x"\n  value       = local.nope\n}\n',
      );
      expect(formatProblems(terraformValidate(root))).toMatch(
        /terraform\/modules\/region-capabilities: terraform validate: .*local value/is,
      );
    });
  });
});
