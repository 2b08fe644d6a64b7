// Shared by the real-backend tests: demo logins, a small API client for test setup, and UI sign-in.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from '../axe.mjs';

export const PASSWORD = 'demo-password-2026';
export const email = (local) => `${local}@harbourside-scp.org.uk`;

/** Signs in through the UI on this page (each page is its own tab, so its own session). */
export async function signIn(page, local) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email(local));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

/** An API client signed in as a demo user, for setting up what a test needs. */
export async function apiAs(baseURL, local) {
  const form = new URLSearchParams({ grant_type: 'password', username: email(local), password: PASSWORD });
  const token = await fetch(`${baseURL}/api/v1/auth/token`, { method: 'POST', body: form });
  const tokenBody = await token.text();
  assert.equal(token.status, 200, `sign-in as ${local} failed: ${tokenBody}`);
  const { access_token: access } = JSON.parse(tokenBody);
  return async (method, path, body) => {
    const response = await fetch(`${baseURL}${path}`, {
      method,
      headers: { Authorization: `Bearer ${access}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path} → ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** Today's date in London, and n days on, as YYYY-MM-DD. */
export function isoDate(daysFromToday = 0) {
  const d = new Date(Date.now() + daysFromToday * 86_400_000);
  return d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}

export async function agencyId(api, name) {
  const { items } = await api('GET', '/api/v1/agencies?limit=200');
  const agency = items.find((a) => a.name === name);
  assert.ok(agency, `no demo agency called ${name}`);
  return agency.id;
}

/** A rapid review opened by a serious incident notification, with the named agencies involved. */
/** The demo's three safeguarding partners' leads or delegates, in partner order. */
export const PARTNER_USERS = ['la.partner', 'icb.partner', 'police.partner'];

/** Each of the three partners records `body` as its position at `path` (a rapid review's or referral's
 * `/partner-positions`); the answer to the third, on which the decision stands. */
export async function decideAsPartners(baseURL, path, body) {
  let answer = null;
  for (const local of PARTNER_USERS) answer = await (await apiAs(baseURL, local))('POST', path, body);
  return answer;
}

/**
 * A safeguarding partner (signed in on `page`) records their position on the record at `path` through the partners'
 * decision panel: `answer` to `question`, with `reasons` if given; `beforeSubmit` runs on the filled form (axe).
 */
export async function recordPartnerPosition(page, path, { question, answer = 'Yes', reasons = '', beforeSubmit }) {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Safeguarding partners’ decision' }).waitFor();
  await page.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check();
  if (reasons) await page.locator('#reasons').fill(reasons);
  if (beforeSubmit) await beforeSubmit(page);
  await page.getByRole('button', { name: 'Record position' }).click();
  await page.getByRole('button', { name: 'Record position' }).waitFor({ state: 'detached' });
}

export async function openRapidReview(baseURL, agencyNames, childReference = `Child E2E${Date.now() % 100000}`) {
  const office = await apiAs(baseURL, 'business.office');
  const ids = [];
  for (const name of agencyNames) ids.push(await agencyId(office, name));
  const notification = await office('POST', '/api/v1/incident-notifications', {
    child_reference: childReference,
    incident_date: isoDate(-3),
    became_aware_on: isoDate(-2),
    category: 'serious_harm',
    abuse_or_neglect_suspected: true,
    incident_council: 'Harbourside City Council',
    home_council: 'Harbourside City Council',
    children: [{
      name: 'Test Child', date_of_birth: '2019-05-01', address: '1 Quay Street, Harbourside', sex: 'female', ethnicity: 'white_british',
      disability: 'no', looked_after_status: 'not_looked_after', child_in_need_plan: 'never', child_protection_plan: 'never', known_to_agencies: 'yes',
    }],
    summary: 'Admitted to hospital with unexplained injuries.',
    agency_ids: ids,
  });
  assert.ok(notification.rapid_review_id, 'a serious harm notification opens a rapid review');
  return { office, notification, rapidReviewId: notification.rapid_review_id, agencyIds: ids };
}

/**
 * Waits for `text`. If the page shows an error summary instead, and it stays for a few seconds (an
 * earlier attempt's summary is cleared when the next action succeeds), fails with what it says.
 */
export async function expectText(page, text, { timeout = 30_000, grace = 3_000 } = {}) {
  const target = page.getByText(text).first();
  const summary = page.locator('.govuk-error-summary');
  const deadline = Date.now() + timeout;
  let summarySince = null;
  while (Date.now() < deadline) {
    if (await target.isVisible()) return;
    if (await summary.isVisible()) {
      summarySince ??= Date.now();
      if (Date.now() - summarySince > grace) {
        throw new Error(`expected "${text}" but the page says: ${await summary.innerText()}`);
      }
    } else {
      summarySince = null;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`"${text}" did not appear within ${timeout} ms`);
}

/** Types an ISO date ("2025-01-10") into the GOV.UK date input whose day box is `#id`. */
export async function fillDate(page, id, iso) {
  const [year, month, day] = iso.split('-');
  await page.locator(`#${id}`).fill(String(Number(day)));
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year);
}

/** The sub-navigation of a record's sections (a rapid review's, a review's). */
export const sectionNav = (page, record = 'rapid review') => page.getByRole('navigation', { name: `Sections of this ${record}` });

/** Opens a section from the record's sub-navigation, as a person would, and waits for it to be marked current. */
export async function openSection(page, name, record = 'rapid review') {
  await sectionNav(page, record).getByRole('link', { name, exact: true }).click();
  await sectionNav(page, record).getByRole('link', { name, exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
  await page.waitForLoadState('networkidle');
}

/**
 * Opens every section of the record on screen from its sub-navigation, checking each with axe (and `check`,
 * if given) and that its URL is its own; returns the section names in order.
 */
export async function walkSections(page, label, { record = 'rapid review', check } = {}) {
  const names = await sectionNav(page, record).getByRole('link').allInnerTexts();
  const seen = new Set();
  for (const name of names) {
    await openSection(page, name, record);
    const path = new URL(page.url()).pathname;
    assert.ok(!seen.has(path), `the ${name} section has a URL of its own (${path})`);
    seen.add(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expectNoAxeViolations(page, `${label}: ${name}`);
    if (check) await check(page, name);
  }
  return names;
}
