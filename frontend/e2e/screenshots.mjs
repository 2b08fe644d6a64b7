// Screenshots for docs/: the business office dashboard (desktop) and the practitioner sign-up (375px).
//
//   E2E_BASE_URL=http://127.0.0.1:8000 node e2e/screenshots.mjs
//
// Needs the running app (backend serving dist/, demo data seeded); writes ../docs/screenshots/.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { signIn } from './tests/helpers.mjs';
import { openEvent } from './tests/sign-up.e2e.mjs';

const baseURL = process.env.E2E_BASE_URL || 'http://127.0.0.1:8000';
const out = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
mkdirSync(out, { recursive: true });

const browser = await launchBrowser();
try {
  const desktop = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const page = await desktop.newPage();
  await signIn(page, 'business.office');
  await page.getByRole('heading', { name: 'Referrals by stage' }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: resolve(out, 'dashboard.png'), fullPage: true });
  console.log('wrote docs/screenshots/dashboard.png');

  const token = await openEvent(baseURL);
  const phone = await browser.newContext({ baseURL, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const mobile = await phone.newPage();
  await mobile.goto(`/sign-up/${token}`);
  await mobile.getByRole('heading', { level: 1 }).waitFor();
  await mobile.waitForLoadState('networkidle');
  await mobile.screenshot({ path: resolve(out, 'sign-up-phone.png'), fullPage: true });
  console.log('wrote docs/screenshots/sign-up-phone.png');
} finally {
  await browser.close();
}
