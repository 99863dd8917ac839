import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  pageApi,
  type Server,
  seriousA11yViolations,
  signInThroughApi,
  startServer,
} from './harness.ts';

// The outcomes journey (issue 6): a social worker records surveys for two people; headquarters opens the
// outcomes page, sees the figures they make, filters, downloads the XLSX, and the page fits a phone.
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function openAs(username: string, viewport = DESKTOP) {
  await context?.close();
  context = await browser.newContext({ viewport, acceptDownloads: true });
  page = await context.newPage();
  await signInThroughApi(page, server.url, username);
  await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
}

/** Set-up through the API with the page's own session (same origin). */
const { ok } = pageApi(() => page);

const survey = {
  workStatus: 'self_employed',
  housing: 'rent',
  hasNik: true,
  hasKk: true,
  hasBirthCertificate: true,
  hasHealthInsurance: true,
  childrenInSchool: 'not_applicable',
};

async function personWithSurveys(name: string, nik: string, incomes: [string, string, number][]) {
  const person = await ok('POST', '/api/v1/people', {
    fullName: name,
    nik,
    sex: 'P',
    birthDate: '1985-03-12',
    confirmNew: true,
  });
  const kase = await ok('POST', '/api/v1/cases', {
    personId: person.id,
    clusterCode: 'disabilitas',
    approaches: ['family'],
    intakeSource: 'walk_in',
    intakeDate: '2025-02-03',
  });
  for (const [surveyedOn, kind, income] of incomes) {
    await ok('POST', '/api/v1/surveys', {
      ...survey,
      caseId: kase.id,
      surveyedOn,
      kind,
      incomeBusiness: income,
    });
  }
}

const fitsThePhone = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('outcomes for headquarters', () => {
  it('shows the figures the surveys make, per unit, with charts', async () => {
    await openAs('peksos.soeharso');
    // Intake incomes 400.000 and 1.000.000 (median 700.000); latest 2.400.000 and 3.200.000 (2.800.000).
    await personWithSurveys('Ratna Sari Dewi', '3372015203850004', [
      ['2025-02-05', 'intake', 400_000],
      ['2025-08-05', 'termination', 2_400_000],
    ]);
    await personWithSurveys('Wulan Puspitasari', '3372015203850005', [
      ['2025-02-06', 'intake', 1_000_000],
      ['2025-05-06', 'followup', 1_500_000],
      ['2025-09-06', 'termination', 3_200_000],
    ]);

    await openAs('pusat');
    await page.getByRole('link', { name: 'Capaian' }).click();
    await page.getByRole('heading', { name: 'Capaian pendampingan', level: 1 }).waitFor();
    const figures = page.getByTestId('outcomes-figures');
    await figures.waitFor();
    await expect.poll(() => figures.getByText('Rp 700.000 → Rp 2.800.000').count()).toBe(1);
    const table = page.getByTestId('outcomes-table');
    const soeharso = table.getByRole('row', { name: /Soeharso/ });
    await expect.poll(() => soeharso.getByRole('cell').first().textContent()).toBe('2');
    expect(await soeharso.getByRole('cell').nth(1).textContent()).toBe('Rp 700.000');
    expect(await soeharso.getByRole('cell').nth(2).textContent()).toBe('Rp 2.800.000');
    expect(
      await table
        .getByRole('row', { name: /^Semua/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('2');
    expect(await page.getByTestId('outcome-charts').locator('div[role="img"]').count()).toBe(6);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('filters by intake period and cluster, and shows an empty state when nothing matches', async () => {
    await openAs('pusat');
    await page.goto(`${server.url}/capaian?klaster=anak`);
    await page.getByText('Belum ada PM yang dipantau untuk saringan ini.').waitFor();
    await page.goto(`${server.url}/capaian?dari=2025-01-01&sampai=2025-12-31&per=approach`);
    const row = page.getByTestId('outcomes-table').getByRole('row', { name: /Berbasis keluarga/ });
    await expect.poll(() => row.getByRole('cell').first().textContent()).toBe('2');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('downloads the figures as XLSX', async () => {
    await openAs('pusat');
    await page.goto(`${server.url}/capaian`);
    await page.getByTestId('outcomes-figures').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^capaian-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const path = await download.path();
    expect(path).toBeTruthy();
  });

  it('fits a phone', async () => {
    await openAs('pusat', PHONE);
    await page.goto(`${server.url}/capaian`);
    await page.getByTestId('outcomes-figures').waitFor();
    await page.waitForTimeout(300);
    expect(await fitsThePhone()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
