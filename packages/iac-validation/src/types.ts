/** One finding of a validator. `file` is relative to the repository root when known. */
export interface Problem {
  file: string;
  message: string;
}

/** Formats problems one per line, for test failure messages and CLI output. */
export function formatProblems(problems: Problem[]): string {
  return problems.map(p => `${p.file}: ${p.message}`).join('\n');
}
