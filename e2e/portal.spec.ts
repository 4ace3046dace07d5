import { expect, Page, test } from '@playwright/test';
import { checkView } from './support/views';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Infrastructure' }),
  ).toBeVisible();
}

test('the Infrastructure page shows the regions served by our backend', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Infrastructure' }).click();
  await expect(page).toHaveURL(/\/nt-infra\/overview$/);

  const production = page.getByLabel('Environment production');
  await expect(production.getByText('tm-ntai-production')).toBeVisible();
  const rows = production.getByRole('row');
  await expect(rows.nth(1)).toContainText('East US');
  await expect(rows.nth(1)).toContainText('primary');
  await expect(rows.nth(2)).toContainText('West US');
  await expect(rows.nth(2)).toContainText('secondary');
  await checkView(page, 'infrastructure-page');
});

test('an annotated entity page shows the regions card', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/ntai-api');
  const card = page.getByLabel('Environment production');
  await expect(card.getByText('East US')).toBeVisible();
  await expect(card.getByText('West US')).toBeVisible();
  await checkView(page, 'entity-ntai-api', card);
});

test('the chaos page previews a production experiment and shows why the guard rails refuse it', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/nt-infra/chaos');
  const form = page.getByRole('region', { name: 'Run an experiment' });
  await form
    .getByLabel('Experiment')
    .selectOption({ label: 'Library: API pod failure (10%) (production)' });
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByLabel('Refusal reasons')).toContainText(
    'no approved production chaos window',
  );
  // Refused: the run cannot be started from here.
  await expect(form.getByRole('button', { name: 'Start run' })).toBeDisabled();
  await checkView(page, 'chaos-preview-refused');
});

test('the history and approvals pages load from the backend', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/nt-infra/history');
  // Empty on a fresh e2e database; the journey's runs when it ran first.
  await expect(
    page
      .getByText('No runs match these filters.')
      .or(page.getByRole('table', { name: 'Runs' }).getByRole('link').first()),
  ).toBeVisible();
  await page.goto('/nt-infra/approvals');
  await expect(
    page.getByRole('form', { name: 'Request a production window' }),
  ).toBeVisible();
  await checkView(page, 'approvals');
});

test('a GitOps change request goes from preview with its diff and checks to review', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/nt-infra/gitops');
  const form = page.getByRole('region', { name: 'New change' });
  await expect(form.getByLabel('Change')).toBeVisible();
  await checkView(page, 'gitops-list');
  await form
    .getByLabel('Change')
    .selectOption({ label: 'Traffic Manager TTL / probe settings' });
  await form.getByLabel('Environment').selectOption({ label: 'staging' });
  await form.getByLabel('DNS TTL (s)').fill('30');
  await form.getByLabel('Reason').fill('e2e: faster DNS failover in staging');
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(form.getByLabel('Diff')).toContainText('+dns_ttl_seconds', {
    timeout: 60_000,
  });
  await form.getByRole('button', { name: 'Create change request' }).click();

  // Created: the page shows the change request, open for review.
  const request = page.getByRole('article', { name: /^Change request / });
  await expect(request.getByLabel('Diff')).toContainText('+dns_ttl_seconds', {
    timeout: 60_000,
  });
  await expect(request.getByText('open', { exact: true })).toBeVisible();
  await expect(
    request.getByText('terraform variable validation: passed'),
  ).toBeVisible();
  await checkView(page, 'gitops-change');
});

test('search finds an experiment of the library and opens it in the Chaos tab', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search/);
  await expect(page.getByText('Chaos experiments')).toBeVisible();
  await expect(page.getByText('Runs, failover tests & GameDays')).toBeVisible();

  // Indexed by the collator's first pass, 10 s after the backend started.
  const result = page.getByRole('link', {
    name: /API network latency \(\+100 ms, 10%\)/,
  });
  await expect(async () => {
    await page.goto('/search?query=latency');
    await expect(result).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await result.click();

  await expect(page).toHaveURL(
    /\/nt-infra\/chaos\?experiment=NetworkChaos%2Fntai%2Fapi-network-latency-10pct$/,
  );
  const form = page.getByRole('region', { name: 'Run an experiment' });
  await expect(form.getByLabel('Experiment')).toHaveValue(
    'library:NetworkChaos/ntai/api-network-latency-10pct',
  );
});
