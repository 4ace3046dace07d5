import { expect, test } from '@playwright/test';
import { signInAs } from './support/signIn';

/*
 * Software Templates: the create page lists "Propose a chaos experiment"
 * (loaded by the catalog from catalog/templates/), and its form opens with
 * the experiment's first questions, read from the scaffolder as the
 * signed-in engineer.
 */
test('the create page offers the chaos experiment template and its form', async ({
  page,
}) => {
  // Alone on a cold dev server, the first bundle build takes most of the
  // default two minutes on a loaded machine.
  test.setTimeout(300_000);
  await signInAs(page, 'alice');
  // In the app (the sidebar's create link), not a reload of the bundle.
  await page.locator('a[href="/create"]').first().click();
  const card = page.getByText('Propose a chaos experiment').first();
  // The catalog ingests the template file within seconds of start; the page
  // lists what the catalog had when it loaded, so look again until then.
  await expect(async () => {
    if (!(await card.isVisible())) await page.reload();
    await expect(card).toBeVisible({ timeout: 20_000 });
  }).toPass({ timeout: 150_000 });
  // The only template, so the only card's button.
  await page.getByRole('button', { name: 'Choose' }).first().click();
  await expect(page.getByText('The experiment').first()).toBeVisible();
  await expect(page.getByLabel(/^Name/).first()).toBeVisible();
  await expect(page.getByLabel(/^Environment/).first()).toBeVisible();
});
