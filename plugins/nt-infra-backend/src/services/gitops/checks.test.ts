import fs from 'fs';
import path from 'path';
import { VARIABLE_RULES } from './checks';
import { REAL_ROOT } from './__testUtils__/fixtureRepo';

function tfFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return tfFiles(file);
    return e.name.endsWith('.tf') ? [file] : [];
  });
}

describe('VARIABLE_RULES', () => {
  // The mirror of Terraform's validation blocks must not drift from them.
  it('uses error messages that the Terraform validation blocks still carry', () => {
    const text = tfFiles(path.join(REAL_ROOT, 'terraform'))
      .map(f => fs.readFileSync(f, 'utf8'))
      .join('\n');
    for (const rule of VARIABLE_RULES) {
      expect(text).toContain(`error_message = "${rule.message}`);
    }
  });
});
