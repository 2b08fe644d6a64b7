// An agency lead answers an additional information request (needs the rapid reviews API).
import { expectNoAxeViolations } from '../axe.mjs';
import { apiAs, fillDate, openRapidReview, openSection, signIn } from './helpers.mjs';

const AGENCIES = ['Harbourside Police', 'Harbourside University Hospitals NHS Trust'];

/** An outstanding request to Harbourside Police: the demo's, or one made here as the business office. */
async function outstandingRequest(baseURL) {
  const police = await apiAs(baseURL, 'police.lead');
  const { items } = await police('GET', '/api/v1/information-requests?limit=100');
  const open = items.find((r) => r.state === 'requested');
  if (open) return open;
  const { office, rapidReviewId, agencyIds } = await openRapidReview(baseURL, AGENCIES);
  const sent = await office('POST', `/api/v1/rapid-reviews/${rapidReviewId}/information-requests`, { agency_ids: agencyIds, note: 'Contacts in the last 12 months' });
  return sent.find((r) => r.agency.name === 'Harbourside Police');
}

export default [
  {
    name: 'an agency lead drafts and submits their agency’s additional information; the business office sees it',
    async run({ page, context, baseURL }) {
      const request = await outstandingRequest(baseURL);
      await signIn(page, 'police.lead');
      const panel = page.getByRole('region', { name: 'Information requests to answer' });
      await panel.getByRole('link', { name: new RegExp(request.child_reference) }).first().waitFor();
      await page.goto(`/information-requests/${request.id}`);
      await page.getByRole('heading', { name: 'Your agency’s response' }).waitFor();
      await expectNoAxeViolations(page, 'information request form');

      await page.getByLabel('Your agency’s involvement with the child and family').fill('Two domestic call-outs in 2024.');
      await page.getByRole('button', { name: 'Save as draft' }).click();
      await page.getByText('Your draft has been saved.').waitFor();

      await page.getByRole('button', { name: 'Submit response' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await expectNoAxeViolations(page, 'information request with errors');

      await page.getByRole('button', { name: 'Add a key contact' }).click();
      await fillDate(page, 'key_contacts-0-date', '2024-11-02');
      await page.locator('#key_contacts-0-contact_type').fill('Domestic call-out');
      await page.locator('#key_contacts-0-summary').fill('Officers attended; child seen.');
      await page.getByLabel('Analysis of your agency’s involvement').fill('The child was seen but not spoken to alone.');
      await page.getByLabel('Immediate learning identified').fill('Speak to children alone at call-outs.');
      await page.getByLabel('Actions already taken as a result of the learning').fill('Briefing to response officers.');
      await page.getByLabel('Good practice').fill('Referral to children’s services the same day.');
      await page.getByLabel('Author’s name').fill('Dan Reilly');
      await page.getByLabel('Author’s role').fill('Detective sergeant, child protection');
      await page.getByRole('button', { name: 'Submit response' }).click();
      await page.getByText('Your response has been submitted to the business office.').waitFor();
      await page.getByRole('heading', { name: 'Submitted response' }).waitFor();
      await expectNoAxeViolations(page, 'submitted information request');

      const office = await context.newPage();
      await signIn(office, 'business.office');
      await office.getByRole('region', { name: 'Information requests submitted' }).getByRole('link').first().waitFor();
      // The rapid review's overview counts the response; its information section lists it.
      await office.goto(`/rapid-reviews/${request.rapid_review_id}`);
      await office.getByText(/agenc(y has|ies have) responded/).waitFor();
      await expectNoAxeViolations(office, 'rapid review overview');
      await openSection(office, 'Information from agencies');
      await office.getByRole('heading', { name: 'Information requests' }).waitFor();
      await office.getByRole('row', { name: /Harbourside Police.*Submitted/ }).waitFor();
      await expectNoAxeViolations(office, 'rapid review: information from agencies');
      await openSection(office, 'Learning briefing');
      await office.getByRole('heading', { name: 'Learning briefing' }).waitFor();
      await expectNoAxeViolations(office, 'rapid review: learning briefing');
      await office.goto(`/information-requests/${request.id}`);
      await office.getByRole('heading', { name: 'Ask for more information' }).waitFor();
      await expectNoAxeViolations(office, 'submitted request, business office view');
    },
  },
];
