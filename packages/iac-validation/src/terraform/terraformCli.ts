import fs from 'fs';
import os from 'os';
import path from 'path';
import { Problem } from '../types';
import { listFiles, relativeTo } from '../util/files';
import { runTool } from '../util/tools';

const TERRAFORM_ENV = {
  ...process.env,
  TF_IN_AUTOMATION: '1',
  CHECKPOINT_DISABLE: '1',
  TF_INPUT: '0',
};

/** `terraform fmt -check -recursive terraform/`: every file listed is a problem. */
export function terraformFmtCheck(repoRoot: string): Problem[] {
  const result = runTool(
    'terraform',
    ['fmt', '-check', '-recursive', '-list=true', '-no-color', 'terraform'],
    { cwd: repoRoot, env: TERRAFORM_ENV },
  );
  if (result.status === 0) return [];
  const files = result.stdout.split('\n').filter(l => l.trim() !== '');
  if (files.length === 0) {
    return [
      {
        file: 'terraform',
        message: `terraform fmt failed: ${result.stderr.trim()}`,
      },
    ];
  }
  return files.map(f => ({
    file: path.posix.join('terraform', f.split(path.sep).join('/')),
    message: 'not in canonical format (run terraform fmt -recursive terraform)',
  }));
}

/**
 * Module directories that need no provider (no resource or data block, no module call), the
 * only ones `terraform validate` can check here: the azurerm provider cannot be downloaded.
 */
export function providerFreeModules(repoRoot: string): string[] {
  const dirs = new Set(
    listFiles(path.join(repoRoot, 'terraform'), n => n.endsWith('.tf')).map(f =>
      path.dirname(f),
    ),
  );
  return [...dirs]
    .filter(dir =>
      fs
        .readdirSync(dir)
        .filter(f => f.endsWith('.tf'))
        .every(
          f =>
            !/^\s*(resource|data|module|provider)\s+"/m.test(
              fs.readFileSync(path.join(dir, f), 'utf8'),
            ),
        ),
    )
    .map(dir => relativeTo(repoRoot, dir))
    .sort();
}

/** `terraform init -backend=false && terraform validate` of each provider-free module, in a copy. */
export function terraformValidate(repoRoot: string): Problem[] {
  const problems: Problem[] = [];
  for (const rel of providerFreeModules(repoRoot)) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-tf-validate-'));
    try {
      fs.cpSync(path.join(repoRoot, rel), work, {
        recursive: true,
        filter: src => !src.includes(`${path.sep}.terraform`),
      });
      const init = runTool(
        'terraform',
        ['init', '-backend=false', '-input=false', '-no-color'],
        { cwd: work, env: TERRAFORM_ENV },
      );
      const validate =
        init.status === 0
          ? runTool('terraform', ['validate', '-no-color'], {
              cwd: work,
              env: TERRAFORM_ENV,
            })
          : init;
      if (validate.status !== 0) {
        problems.push({
          file: rel,
          message: `terraform ${init.status === 0 ? 'validate' : 'init'}: ${(
            validate.stderr || validate.stdout
          )
            .replace(
              /There are some problems with the CLI configuration:[\s\S]*?╵\n/g,
              '',
            )
            .trim()}`,
        });
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  return problems;
}
