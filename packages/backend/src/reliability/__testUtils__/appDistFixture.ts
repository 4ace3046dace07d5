import { loadConfigSchema } from '@backstage/config-loader';
import fs from 'fs';
import path from 'path';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');

/** The files a test asks for by name, as the fixture writes them. */
export const APP_FILES = {
  bundle: 'static/main.0f1e2d3c.js',
  sourceMap: 'static/main.0f1e2d3c.js.map',
};

/**
 * A copy of what `backstage-cli package build` leaves in packages/app/dist,
 * in a folder of its own (the app plugin rewrites the bundle it injects the
 * config into): the real index template (packages/app/public/index.html,
 * which the build turns into index.html.tmpl) and public files, the config
 * schema collected from the app's dependency tree as the build collects it,
 * and a bundle with its source map. The real bundle is not built here: a
 * production build of the app takes minutes and gigabytes, and what the
 * server does with the files does not depend on their contents.
 *
 * Returns the folder to name as `app.packageName`.
 */
export async function writeAppDistFixture(root: string): Promise<string> {
  const pkg = path.join(root, 'app-fixture');
  const dist = path.join(pkg, 'dist');
  const publicDir = path.join(REPO_ROOT, 'packages/app/public');
  fs.mkdirSync(path.join(dist, 'static'), { recursive: true });
  fs.writeFileSync(
    path.join(pkg, 'package.json'),
    JSON.stringify({ name: 'app', version: '0.0.0', private: true }),
  );
  for (const file of fs.readdirSync(publicDir)) {
    if (file !== 'index.html') {
      fs.copyFileSync(path.join(publicDir, file), path.join(dist, file));
    }
  }
  const template = fs.readFileSync(path.join(publicDir, 'index.html'), 'utf8');
  fs.writeFileSync(path.join(dist, 'index.html.tmpl'), template);
  fs.writeFileSync(path.join(dist, 'index.html'), template);
  fs.writeFileSync(
    path.join(dist, APP_FILES.bundle),
    `console.log("nt-ai portal");\n//# sourceMappingURL=${path.basename(
      APP_FILES.sourceMap,
    )}\n`,
  );
  fs.writeFileSync(
    path.join(dist, APP_FILES.sourceMap),
    JSON.stringify({
      version: 3,
      sources: ['webpack://app/./src/App.tsx'],
      sourcesContent: ['export const App = () => null;'],
      mappings: '',
    }),
  );
  const schema = await loadConfigSchema({
    dependencies: ['app'],
    packagePaths: [path.join(REPO_ROOT, 'package.json')],
  });
  fs.writeFileSync(
    path.join(dist, '.config-schema.json'),
    JSON.stringify(schema.serialize()),
  );
  return pkg;
}
