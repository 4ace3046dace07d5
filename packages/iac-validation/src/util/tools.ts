import { execFile, spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

export interface ToolResult {
  status: number;
  stdout: string;
  stderr: string;
}

const INSTALL_HINTS: Record<string, string> = {
  kubectl:
    'install kubectl (Debian: the kubernetes apt repository, or the binary from dl.k8s.io)',
  promtool:
    'apt-get install -y prometheus   (Debian ships promtool in the prometheus package)',
  shellcheck: 'apt-get install -y shellcheck',
  bash: 'apt-get install -y bash',
  terraform:
    'install terraform (HashiCorp apt repository, or the release zip from releases.hashicorp.com)',
};

/** True when `name` can be executed from PATH. */
export function hasTool(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some(dir => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return dir !== '';
    } catch {
      return false;
    }
  });
}

/** Explains how to get a missing tool; used in test failure and skip messages. */
export function installHint(name: string): string {
  return INSTALL_HINTS[name] ?? `install ${name}`;
}

/** Runs a tool synchronously with a timeout; never throws on a non-zero exit. */
export function runTool(
  name: string,
  args: string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): ToolResult {
  const result = spawnSync(name, args, {
    cwd: options.cwd,
    input: options.input,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    throw new Error(
      `${name} could not run: ${result.error.message}; ${installHint(name)}`,
    );
  }
  return {
    status: result.status ?? 1,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
  };
}

/**
 * Runs a tool in a child process without blocking the event loop (a server
 * keeps answering and its timers keep firing meanwhile); same timeout,
 * buffer and result as runTool, never rejects on a non-zero exit.
 */
export function runToolAsync(
  name: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(
      name,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (error && typeof code !== 'number') {
          // Not an exit status: the tool is missing, timed out or overflowed.
          reject(
            new Error(
              `${name} could not run: ${error.message}; ${installHint(name)}`,
            ),
          );
          return;
        }
        resolve({
          status: typeof code === 'number' ? code : 0,
          stdout: stdout ?? '',
          stderr: stderr ?? '',
        });
      },
    );
  });
}
