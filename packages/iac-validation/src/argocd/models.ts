import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';
import { K8sObject } from '../kustomize/objects';
import { runTool } from '../util/tools';

const MODELS_PACKAGE = '@kubernetes-models/argo-cd';
/** The kinds the typed models check; other kinds in kubernetes/argocd are reported as unknown. */
export const ARGOCD_KINDS = ['Application', 'AppProject'] as const;

/**
 * The models package is ESM-only and exports only an `import` condition, which neither jest's
 * CommonJS runtime nor the backend's `require` can load. So the models run in a child Node
 * process as native ESM, given the objects on stdin; this prints one list of errors per object.
 */
const VALIDATE_IN_ESM = `
const models = await import(process.argv[1]);
let input = '';
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map(object => {
  const Model = models[object.kind];
  if (!Model) return ['kind ' + object.kind + ' has no Argo CD model'];
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    return Array.isArray(e.errors) && e.errors.length > 0
      ? e.errors.map(x => (x.instancePath || '/') + ' ' + x.message)
      : [String(e.message)];
  }
});
process.stdout.write(JSON.stringify(out));
`;

/** The models' entry file, found through the node_modules folders `require` would search. */
function modelsEntry(): string {
  const candidates = require.resolve.paths(MODELS_PACKAGE) ?? [];
  for (const dir of candidates) {
    const entry = path.join(
      dir,
      MODELS_PACKAGE,
      'argoproj.io',
      'v1alpha1',
      'index.js',
    );
    if (fs.existsSync(entry)) return entry;
  }
  throw new Error(`${MODELS_PACKAGE} is not installed (yarn install)`);
}

/**
 * Validates Application and AppProject objects against the typed models of
 * `@kubernetes-models/argo-cd` (types, enums, required fields of Argo CD's CRDs); returns one
 * list of messages per object, in order.
 */
export function modelErrors(objects: K8sObject[]): string[][] {
  if (objects.length === 0) return [];
  const result = runTool(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      VALIDATE_IN_ESM,
      pathToFileURL(modelsEntry()).href,
    ],
    { input: JSON.stringify(objects) },
  );
  if (result.status !== 0) {
    throw new Error(
      `the Argo CD models could not run: ${result.stderr.trim()}`,
    );
  }
  return JSON.parse(result.stdout) as string[][];
}
