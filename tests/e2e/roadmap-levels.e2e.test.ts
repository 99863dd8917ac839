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

// The roadmap ladder's criteria edited with form controls (issue 6): an admin on a phone changes level 0 so
// an approved plan is no longer needed but a NIK is, meets the field checks on the way, saves; the person's
// roadmap is then computed with the new criteria.
let server: Server;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
let personId = '';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

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
  context = await browser.newContext({ viewport });
  page = await context.newPage();
  await signInThroughApi(page, server.url, username);
  await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
}

const { ok } = pageApi(() => page);

async function personLevel(): Promise<string> {
  await page.goto(`${server.url}/pm/${personId}`);
  await page.getByRole('heading', { name: 'Sekar Ayu', level: 1 }).waitFor();
  return (await page.getByTestId('roadmap').getByTestId('roadmap-level').textContent()) ?? '';
}

const fitsThePhone = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('roadmap levels', () => {
  it('sets up a person assessed, with a NIK on the latest survey, but no approved plan: no level yet', async () => {
    await openAs('peksos.soeharso');
    const person = await ok('POST', '/api/v1/people', {
      fullName: 'Sekar Ayu',
      sex: 'P',
      birthDate: '1992-04-12',
      areaCode: '33.72',
      confirmNew: true,
    });
    personId = String(person.id);
    const created = await ok('POST', '/api/v1/cases', {
      personId,
      clusterCode: 'disabilitas',
      approaches: ['family'],
      intakeSource: 'walk_in',
      intakeDate: '2025-02-03',
    });
    const caseId = String(created.id);
    const form = await ok('GET', '/api/v1/cases/assessment-form');
    const answers = Object.fromEntries((form.domains as { key: string }[]).map((d) => [d.key, 2]));
    await ok('POST', `/api/v1/cases/${caseId}/assessments`, {
      answers,
      riskLevel: 'medium',
      assessedOn: '2025-02-05',
    });
    await ok('POST', '/api/v1/surveys', {
      caseId,
      kind: 'intake',
      surveyedOn: '2025-02-06',
      workStatus: 'unemployed',
      housing: 'family',
      hasNik: true,
      hasKk: true,
      hasBirthCertificate: true,
      hasHealthInsurance: false,
      childrenInSchool: 'not_applicable',
    });
    expect(await personLevel()).toContain('Belum mencapai tingkat mana pun');
  });

  it('lets an admin on a phone edit level 0 with controls, checked at the fields, read back in words', async () => {
    await openAs('admin', PHONE);
    await page.goto(`${server.url}/referensi`);
    await page.getByRole('link', { name: 'Upah minimum dan tingkat peta jalan' }).click();
    await page.getByRole('tab', { name: 'Tingkat peta jalan' }).click();
    const levels = page.getByTestId('levels');
    await levels.getByText('Rencana intervensi disetujui').waitFor();

    await page.getByRole('button', { name: 'Ubah tingkat 0' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah tingkat 0' });
    const preview = dialog.getByTestId('criteria-preview');
    await preview.getByText('Rencana intervensi disetujui').waitFor();

    // The plan criterion becomes "has a NIK", without counting an open task to get one.
    await dialog.getByLabel('Kriteria 2: jenis').selectOption({ label: 'Punya NIK/KTP' });
    await preview.getByText('Memiliki NIK/KTP (atau ada tugas untuk mengurusnya)').waitFor();
    const openTask = dialog.getByRole('switch', {
      name: 'Tugas mengurus dokumen yang masih terbuka juga dihitung',
    });
    expect(await openTask.isChecked()).toBe(true);
    await openTask.click({ force: true });
    await preview.getByText('Memiliki NIK/KTP', { exact: true }).waitFor();
    expect(await preview.getByText('Rencana intervensi disetujui').count()).toBe(0);

    // A third criterion with a number out of range is refused at its field, before anything is sent.
    await dialog.getByRole('button', { name: 'Tambah kriteria' }).click();
    await dialog
      .getByLabel('Kriteria 3: jenis')
      .selectOption({ label: 'Pendapatan minimal terhadap upah minimum' });
    const ratio = dialog.getByRole('group', { name: 'Kriteria 3' }).getByLabel('Kelipatan upah minimum');
    await ratio.fill('9');
    await dialog.getByText('Antara 0,1 dan 5').waitFor();
    await preview.getByText('Kriteria 3 belum lengkap').waitFor();
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.getByText('Perbaiki kriteria yang ditandai terlebih dahulu').waitFor();
    await ratio.fill('0,5');
    await preview
      .getByText('Pendapatan ≥ 0,5 × upah minimum pada 1 survei terakhir berturut-turut')
      .waitFor();
    expect(await dialog.getByText('Antara 0,1 dan 5').count()).toBe(0);
    expect(await fitsThePhone()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // On second thoughts the income criterion goes again; the level keeps two criteria.
    await dialog.getByRole('button', { name: 'Hapus kriteria 3' }).click();
    expect(await preview.getByText('Pendapatan ≥', { exact: false }).count()).toBe(0);
    expect(await preview.getByRole('listitem').count()).toBe(2);

    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Tingkat peta jalan tersimpan.').first().waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const level0 = page.getByRole('region', { name: /Tingkat 0/ });
    await level0.getByText('Memiliki NIK/KTP', { exact: true }).waitFor();
    expect(await level0.getByText('Rencana intervensi disetujui').count()).toBe(0);

    // Saved on the server: read back after a reload, and the editor opens with the saved controls.
    await page.reload();
    await page.getByRole('tab', { name: 'Tingkat peta jalan' }).click();
    await page
      .getByRole('region', { name: /Tingkat 0/ })
      .getByText('Memiliki NIK/KTP', { exact: true })
      .waitFor();
    await page.getByRole('button', { name: 'Ubah tingkat 0' }).click();
    expect(await dialog.getByLabel('Kriteria 2: jenis').inputValue()).toBe('has_identity');
    expect(
      await dialog
        .getByRole('switch', { name: 'Tugas mengurus dokumen yang masih terbuka juga dihitung' })
        .isChecked(),
    ).toBe(false);
    await dialog.locator('form').getByRole('button', { name: 'Batal' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('applies the saved criteria: the person now reaches level 0', async () => {
    await openAs('peksos.soeharso');
    expect(await personLevel()).toContain('Tingkat 0 · Asesmen');
  });

  it('refuses a level that names itself in "another level still holds", at the field', async () => {
    await openAs('admin');
    await page.goto(`${server.url}/referensi`);
    await page.getByRole('link', { name: 'Upah minimum dan tingkat peta jalan' }).click();
    await page.getByRole('tab', { name: 'Tingkat peta jalan' }).click();
    await page.getByRole('button', { name: 'Ubah tingkat 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah tingkat 2' });
    await dialog.getByLabel('Kriteria 1: jenis').selectOption({ label: 'Tingkat lain tetap terpenuhi' });
    const level = dialog.getByRole('group', { name: 'Kriteria 1' }).getByLabel('Tingkat', { exact: true });
    expect(await level.inputValue()).toBe('1');
    await level.fill('2');
    await dialog.getByText('Harus tingkat di bawah 2').waitFor();
    await level.fill('');
    await dialog.getByText('Wajib diisi').waitFor();
    await level.fill('1');
    await dialog.getByTestId('criteria-preview').getByText('Tingkat 1 tetap terpenuhi').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
