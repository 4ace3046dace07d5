import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestSandbox, TestSandbox, waitFor } from '../testing/testSandbox';

// Each file boots a whole world (certificates, a dozen servers); on a busy 2-core CI machine
// that and the fast-clock waits need more than jest's default 5 s.
jest.setTimeout(30_000);

const run = promisify(execFile);
const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const hasKubectl = fs.existsSync(KUBECTL);
const FIXTURE = path.resolve(
  __dirname,
  '../__fixtures__/podchaos-api-failure.yaml',
);

if (!hasKubectl) {
  // Say so loudly: a skipped compatibility test must not look like a passing one.
  // eslint-disable-next-line no-console
  console.warn(
    `kubectl not found at ${KUBECTL} (set KUBECTL=…): skipping the kubectl compatibility tests`,
  );
}

if (!hasKubectl && process.env.CI === 'true') {
  // CI installs nothing optional here: a missing kubectl is a broken machine, not a skip.
  it(`needs kubectl at ${KUBECTL}`, () => {
    expect(hasKubectl).toBe(true);
  });
}

(hasKubectl ? describe : describe.skip)(
  'the real kubectl against the sandbox',
  () => {
    let sandbox: TestSandbox;
    const kubectl = async (...args: string[]) => {
      const { stdout } = await run(
        KUBECTL,
        ['--kubeconfig', sandbox.endpoints.kubeconfigPath!, ...args],
        { timeout: 30000 },
      );
      return stdout;
    };

    beforeAll(async () => {
      sandbox = await startTestSandbox({ speed: 10 });
    });
    afterAll(() => sandbox.stop());

    it('get pods -A prints every pod with the server-side table', async () => {
      const out = await kubectl('get', 'pods', '-A');
      const lines = out.trim().split('\n');
      expect(lines[0]).toMatch(
        /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/,
      );
      // 10 api, 2 web, 2 worker, 1 chaos controller, 2 coredns.
      expect(lines).toHaveLength(1 + 17);
      expect(out).toMatch(
        /ntai\s+ntai-api-[a-z0-9]{10}-[a-z0-9]{5}\s+1\/1\s+Running\s+0/,
      );
    });

    it('apply -f a PodChaos, get podchaos -A, and delete it', async () => {
      expect(await kubectl('apply', '-f', FIXTURE)).toMatch(
        /podchaos.chaos-mesh.org\/api-pod-failure created/,
      );
      expect(await kubectl('apply', '-f', FIXTURE)).toMatch(
        /podchaos.chaos-mesh.org\/api-pod-failure unchanged/,
      );
      const list = await kubectl('get', 'podchaos', '-A');
      expect(list).toMatch(/^NAMESPACE\s+NAME\s+ACTION\s+DURATION\s+AGE/);
      expect(list).toMatch(/ntai\s+api-pod-failure\s+pod-failure\s+60s/);
      // The experiment acts on the world: one api pod goes 0/1.
      await waitFor(
        async () =>
          /0\/1/.test(
            await kubectl(
              'get',
              'pods',
              '-n',
              'ntai',
              '-l',
              'app.kubernetes.io/name=ntai-api',
            ),
          ),
        10000,
        100,
      );
      expect(await kubectl('delete', '-f', FIXTURE)).toMatch(
        /podchaos.chaos-mesh.org "api-pod-failure" deleted/,
      );
      expect(
        (await kubectl('get', 'podchaos', '-A', '-o', 'name')).trim(),
      ).toBe('');
      const pods = await kubectl(
        'get',
        'pods',
        '-n',
        'ntai',
        '-l',
        'app.kubernetes.io/name=ntai-api',
      );
      expect(pods).not.toMatch(/0\/1/);
    });

    it('shows the webhook rejection for an invalid experiment', async () => {
      const bad = fs
        .readFileSync(FIXTURE, 'utf8')
        .replace(/value: ["']1["']/, "value: '0'");
      expect(bad).toMatch(/value: '0'/);
      const file = path.join(sandbox.stateDir, 'bad.yaml');
      fs.writeFileSync(file, bad);
      const error = await kubectl('apply', '-f', file).then(
        () => undefined,
        e => e as { stderr: string },
      );
      expect(error?.stderr).toMatch(
        /is invalid: spec.value: Invalid value: "0": value must be greater than 0 with mode:fixed/,
      );
    });
  },
);
