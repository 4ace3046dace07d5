import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseTopology } from './parseTopology';
import type { Topology } from './types';

/** The default topology file shipped with the package (matches the naming contract). */
export function defaultTopologyPath(): string {
  // Resolved through the package itself so it holds from src/ (tsx, jest) and from a build.
  return path.join(
    path.dirname(require.resolve('@internal/sandbox/package.json')),
    'topology.yaml',
  );
}

export function loadTopology(file: string = defaultTopologyPath()): Topology {
  return parseTopology(parse(fs.readFileSync(file, 'utf8')));
}
