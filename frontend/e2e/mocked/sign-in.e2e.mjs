import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';
import { routeApi, signedOutApi } from '../fixtures/api.mjs';

export default [
  {
    name: 'the sign-in page passes axe, with and without errors',
    async run({ page }) {
      await routeApi(page, signedOutApi());
      await page.goto('/');
      // Not signed in: the dashboard sends you to sign in.
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await expectNoAxeViolations(page, 'sign-in');

      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectNoAxeViolations(page, 'sign-in with errors');
    },
  },
  {
    name: 'unknown pages say so and pass axe',
    async run({ page }) {
      await routeApi(page, {});
      await page.goto('/no-such-page');
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      await expectNoAxeViolations(page, 'page not found');
    },
  },
];
