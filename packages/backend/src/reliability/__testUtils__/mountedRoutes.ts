/**
 * Every route of every plugin a running test backend mounts, read from its
 * express stack: `GET /entities` of plugin `catalog` is `catalog GET
 * /entities`. Mounted sub-handlers that are not routes (the Kubernetes proxy)
 * are listed as `USE /proxy`.
 */
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  regexp?: RegExp & { fast_slash?: boolean };
  name?: string;
  handle?: { stack?: Layer[] };
}

/** The path an express 4 layer was mounted at, from its matcher. */
function mountPath(layer: Layer): string {
  if (!layer.regexp || layer.regexp.fast_slash) return '';
  const source = layer.regexp.source
    .replace(/^\^/, '')
    .replace('\\/?(?=\\/|$)', '')
    .replace(/\\\//g, '/');
  return source === '/' ? '' : source;
}

function collect(stack: Layer[], prefix: string, out: string[]) {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        out.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      }
    } else if (layer.handle?.stack) {
      collect(layer.handle.stack, prefix + mountPath(layer), out);
    } else if (mountPath(layer)) {
      out.push(`USE ${prefix}${mountPath(layer)}`);
    }
  }
}

/** Routes by plugin id, for the plugins mounted under /api. */
export function mountedRoutes(server: any): Record<string, string[]> {
  const app = server.listeners('request')[0];
  const all: string[] = [];
  collect(app._router?.stack ?? app.stack ?? [], '', all);
  const byPlugin: Record<string, string[]> = {};
  for (const entry of all) {
    const [method, path] = entry.split(' ');
    const match = path.match(/^\/api\/([^/]+)(\/.*)?$/);
    if (!match) continue;
    (byPlugin[match[1]] ??= []).push(`${method} ${match[2] ?? '/'}`);
  }
  for (const id of Object.keys(byPlugin)) {
    byPlugin[id] = [...new Set(byPlugin[id])].sort();
  }
  return byPlugin;
}
