/**
 * `yarn sandbox`: runs the sandbox world in the foreground until Ctrl-C / SIGTERM.
 *
 *   --topology FILE   topology YAML (default: packages/sandbox/topology.yaml)   env SANDBOX_TOPOLOGY
 *   --speed N         world seconds per real second (default 1)                 env SANDBOX_SPEED
 *   --seed S          seed of every random choice (default nt-infra)            env SANDBOX_SEED
 *   --clients N       synthetic clients per Traffic Manager profile (default 300) env SANDBOX_CLIENTS
 *   --ephemeral       bind every port to 0 (see .sandbox/endpoints.json)
 *   --state-dir DIR   where endpoints.json, kubeconfig, ca.pem go (default <repo>/.sandbox)
 *   --quiet           do not print world events
 */
import { startSandbox } from './startSandbox';

function parseArgs(argv: string[]) {
  const args: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
    const [key, inline] = a.slice(2).split('=', 2);
    if (['ephemeral', 'quiet', 'help'].includes(key)) args[key] = true;
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${key} needs a value`);
      args[key] = value;
    }
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(
      `${require('node:fs')
        .readFileSync(__filename, 'utf8')
        .split('*/')[0]
        .replace(/^\/\*\*?|^ \* ?/gm, '')}\n`,
    );
    return;
  }
  const speed = Number(args.speed ?? process.env.SANDBOX_SPEED ?? 1);
  const quiet = Boolean(args.quiet);
  const clientsArg = args.clients ?? process.env.SANDBOX_CLIENTS;
  const clients = clientsArg === undefined ? undefined : Number(clientsArg);
  if (clients !== undefined && !(Number.isInteger(clients) && clients >= 0))
    throw new Error(
      `--clients must be a whole number ≥ 0, got '${clientsArg}'`,
    );
  const sandbox = await startSandbox({
    topology: (args.topology as string) ?? process.env.SANDBOX_TOPOLOGY,
    speed,
    seed: (args.seed as string) ?? process.env.SANDBOX_SEED,
    clients,
    ports: args.ephemeral ? 'ephemeral' : 'fixed',
    stateDir: args['state-dir'] as string | undefined,
    onEvent: quiet
      ? undefined
      : e =>
          process.stdout.write(
            `[sandbox ${e.worldTime}] ${e.type}: ${e.message}\n`,
          ),
  });
  const e = sandbox.endpoints;
  process.stdout.write(
    [
      `[sandbox] ready (speed ${speed}×)`,
      `  control     ${e.control}`,
      `  arm         ${e.arm.endpoint}`,
      `  dns         ${e.dns.server} (udp+tcp)  ${e.trafficManager.fqdn ?? ''}`,
      `  prometheus  ${e.prometheus}`,
      `  argocd      ${e.argocd}`,
      ...e.clusters.map(c => `  kubernetes  ${c.url}  ${c.name}`),
      ...Object.entries(e.regions).map(
        ([r, v]) => `  app         ${v.app}  ${r}`,
      ),
      `  kubeconfig  ${e.kubeconfigPath ?? '(not written)'}`,
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`[sandbox] ${signal}: stopping\n`);
    await sandbox.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch(e => {
  process.stderr.write(
    `[sandbox] failed to start: ${(e as Error).stack ?? e}\n`,
  );
  process.exit(1);
});
