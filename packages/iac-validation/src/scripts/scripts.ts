import path from 'path';
import { listFiles } from '../util/files';
import { runTool } from '../util/tools';

export const SCRIPTS_DIR = 'scripts';

/** Runs shellcheck (following sourced files) over every shell script; returns its findings. */
export function shellcheckScripts(repoRoot: string): string[] {
  const dir = path.join(repoRoot, SCRIPTS_DIR);
  const files = listFiles(dir, n => n.endsWith('.sh')).map(f =>
    path.relative(dir, f),
  );
  if (files.length === 0) return [`no scripts in ${SCRIPTS_DIR}`];
  const result = runTool('shellcheck', ['-x', '--severity=style', ...files], {
    cwd: dir,
  });
  return result.status === 0
    ? []
    : [result.stdout.trim() || result.stderr.trim()];
}
