import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (never a downloaded browser)
// against the portal started on the embedded default.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-report/results.json' }],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/html' }],
  ],
  outputDir: 'e2e-test-report/artifacts',
  webServer: [
    {
      // The sandbox world first, then the portal, as `./portal start` does:
      // the production build served by the backend. On a fresh clone that
      // includes building the frontend (about 2–3 min on 2 cores), repaid
      // by every page load taking seconds instead of the development
      // server's 15 (bench/README.md, "page load").
      command: 'bash tools/start.sh',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      env: {
        // A database of its own, so e2e runs neither see nor leave local history.
        APP_CONFIG_backend_database_connection_directory:
          '../../.data/e2e-sqlite',
        // The world runs ten times faster than the backend's clock: DNS TTLs,
        // probes and the SLIs' 5m windows pass in seconds, so a rollback,
        // a failover and a budget recovering after the chaos fit the suite.
        SANDBOX_SPEED: '10',
        APP_CONFIG_ntInfra_slo_budgetWindow: '5m',
        APP_CONFIG_ntInfra_failover_holdDownSeconds: '10',
      },
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    // The size of the README's screenshots.
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    channel: undefined,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium' }],
});
