import fs from 'fs';
import path from 'path';

/** Lists files below `dir` (recursively, sorted) whose name satisfies `accept`. */
export function listFiles(
  dir: string,
  accept: (name: string) => boolean,
): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...listFiles(full, accept));
    } else if (entry.isFile() && accept(entry.name)) {
      out.push(full);
    }
  }
  return out.sort();
}

/** Path relative to the repository root with forward slashes, for stable messages. */
export function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** True for a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
