import { expect, Page } from '@playwright/test';

/**
 * Signs in on the sign-in page as a sandbox user (auth.providers.sandbox-users).
 * Retried: on a fresh database the catalog needs a few seconds to ingest
 * catalog/org.yaml, and until then the user is unknown.
 */
export async function signInAs(page: Page, user: string) {
  await page.goto('/');
  const infrastructure = page.getByRole('link', { name: 'Infrastructure' });
  await expect(async () => {
    await page.getByRole('button', { name: `Sign in as ${user}` }).click();
    await expect(infrastructure).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
}

/**
 * Signs out through the settings page, back to the sign-in page. Should the
 * app have reloaded meanwhile and failed to sign the remembered user in again
 * (a dev backend restarting), the sign-in page already shows.
 */
export async function signOut(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  const menu = page.getByRole('button', { name: 'more' });
  const signInPage = page.getByRole('list', { name: 'Sandbox users' });
  await expect(menu.or(signInPage)).toBeVisible();
  if (await menu.isVisible()) {
    await menu.click();
    await page.getByRole('menuitem', { name: 'Sign Out' }).click();
  }
  await expect(signInPage).toBeVisible();
}
