// Real-backend tests: run against E2E_BASE_URL (the FastAPI app serving dist/ and /api),
// with the demo partnership seeded (`python -m backend run` seeds an empty database).
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';

const EMAIL = process.env.E2E_EMAIL || 'business.office@harbourside-scp.org.uk';
const PASSWORD = process.env.E2E_PASSWORD || 'demo-password-2026';

async function signIn(page, password) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export default [
  {
    name: 'a wrong password is refused with the API’s message, and the page passes axe',
    async run({ page }) {
      await signIn(page, 'not-the-password');
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectNoAxeViolations(page, 'sign-in refused (real backend)');
    },
  },
  {
    name: 'staff sign in, see their deadlines and sign out',
    async run({ page }) {
      await signIn(page, PASSWORD);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.getByText('Loading your deadlines…').waitFor({ state: 'detached' });
      await expectNoAxeViolations(page, 'dashboard (real backend)');

      // A reload keeps the session (refresh token in sessionStorage, rotated on use).
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You have signed out').waitFor();
      assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    },
  },
];
