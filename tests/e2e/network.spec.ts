// The partner network (pillar 5) as a resident meets it: an activity names its
// organisation, whose page says its role in the network and lists its offer; and
// trainings for professionals and volunteers have a section of their own, not mixed
// into residents' list.

import { test, expect } from './fixtures';
import { catalogue, expectNoViolations, waitForResults } from './helpers';

const WALK = 'Wandelen met Senver';
const TRAINING = 'Training: eenzaamheid herkennen en bespreken';
const SYMPOSIUM = 'Symposium over eenzaamheid';

test('a_resident_goes_from_an_activity_to_its_organisation_and_the_network', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten/senver-wandelen');
  await page.locator('main dl').getByRole('link', { name: 'Stichting Senver', exact: true }).click();
  await expect(page).toHaveURL(/\/organisaties\/senver$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stichting Senver');
  await expect(page.getByTestId('network-role')).toHaveText(/^Kerngroep\. Werkt de aanpak samen met de gemeente uit\.$/);
  const offer = page.getByTestId('organisation-offer');
  await expect(offer.getByRole('link', { name: WALK })).toBeVisible();
  await expect(offer).not.toContainText('Versa');
  await expectNoViolations(page);

  await page.getByRole('link', { name: 'Alle organisaties' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisaties');
  // The municipality leads; the agenda's partners form the core group; the others
  // have no role the agenda names.
  const after = (heading: string) =>
    page.locator(`main h2:has-text("${heading}") ~ ul`).first();
  await expect(after('Trekt de aanpak')).toContainText('Gemeente Hilversum');
  await expect(after('Kerngroep')).toContainText('Stichting Senver');
  await expect(after('Andere organisaties')).toContainText('De Luisterlijn');
  await expectNoViolations(page);

  // Offline too: it is all on the device.
  await page.context().setOffline(true);
  await page.getByRole('link', { name: 'De Luisterlijn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('De Luisterlijn');
  await expect(page.locator('main')).toContainText('088 0767 000');
});

test('trainings_for_professionals_are_in_their_own_section', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  const cat = catalogue(page);
  await waitForResults(page);
  await expect(cat.results).not.toContainText(TRAINING);
  await expect(cat.results).toContainText(SYMPOSIUM);
  await cat.search.fill('training');
  await expect(cat.results).not.toContainText(TRAINING);

  await page.getByRole('link', { name: /^Voor professionals en vrijwilligers/ }).click();
  await expect(page).toHaveURL(/\/activiteiten\?voor=professionals$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Voor professionals en vrijwilligers');
  await waitForResults(page);
  await expect(cat.link(TRAINING)).toBeVisible();
  await expect(cat.link(SYMPOSIUM)).toBeVisible();
  await expect(cat.results).not.toContainText(WALK);
  await expectNoViolations(page);
  // A search within the section stays in it.
  await cat.search.fill('training');
  await expect(page).toHaveURL(/voor=professionals/);
  await expect(cat.link(TRAINING)).toBeVisible();
  await cat.link(TRAINING).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TRAINING);
});
