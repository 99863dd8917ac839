import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  type Server,
  seriousA11yViolations,
  signInThroughApi,
  startServer,
} from './harness.ts';

// A file of its own: units.e2e.test.ts was being edited by another engineer at the same time.
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

async function openReference(username: string) {
  await signInThroughApi(page, server.url, username);
  await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
  await page.getByRole('link', { name: 'Referensi' }).first().click();
  await page.getByRole('heading', { name: 'Data referensi', level: 1 }).waitFor();
}

describe('reference data', () => {
  it('lets an admin find a PPKS category by search, rename it, and see it saved', async () => {
    await openReference('admin');
    await page.getByRole('tab', { name: 'Kategori PPKS' }).click();
    await page.getByLabel('Cari kode, nama atau sumber').fill('jalanan');
    const rows = page.getByTestId('reference-row');
    await rows.filter({ hasText: 'Anak Jalanan' }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Permensos 8/2012');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Ubah Anak Jalanan' }).click();
    const dialog = page.getByRole('dialog');
    const name = dialog.getByLabel('Nama (Bahasa Indonesia)');
    // A name left empty is refused before anything is sent.
    await name.fill('');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.getByText('Wajib diisi').waitFor();
    await name.fill('Anak Jalanan dan Anak Rentan');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Data referensi disimpan.').waitFor();
    await rows.filter({ hasText: 'Anak Jalanan dan Anak Rentan' }).waitFor();

    // Saved on the server, not just on the screen.
    await page.reload();
    await page.getByRole('tab', { name: 'Kategori PPKS' }).click();
    await page.getByLabel('Cari kode, nama atau sumber').fill('rentan');
    await rows.filter({ hasText: 'Anak Jalanan dan Anak Rentan' }).waitFor();
  });

  it('tells an admin when someone else changed the record meanwhile, and reloads it', async () => {
    await openReference('admin');
    await page.getByRole('tab', { name: 'Program' }).click();
    await page.getByRole('button', { name: 'Ubah Bantuan Pangan Non Tunai' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nama (bahasa Inggris)').fill('Non-cash food aid');
    // Another admin saves the same programme first (same session here; the version is what counts).
    const other = await page.request.put(`${server.url}/api/v1/reference/programmes/BPNT`, {
      headers: { origin: server.url },
      data: {
        nameId: 'Bantuan Pangan Non Tunai (Sembako)',
        nameEn: 'Non-cash food assistance',
        kind: 'social assistance',
        source: 'shared/data/programmes.csv',
        version: 1,
      },
    });
    expect(other.status()).toBe(200);
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.getByText('Data ini sudah diubah orang lain').waitFor();
    await dialog.getByRole('button', { name: 'Muat ulang' }).click();
    // The form starts again from the version now saved, without the warning.
    await dialog.getByText('Data ini sudah diubah orang lain').waitFor({ state: 'detached' });
    expect(await dialog.getByLabel('Nama (Bahasa Indonesia)').inputValue()).toBe(
      'Bantuan Pangan Non Tunai (Sembako)',
    );
  });

  it('shows a social worker the lists without edit or add buttons, as cards on a phone', async () => {
    await context.close();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    page = await context.newPage();
    await signInThroughApi(page, server.url, 'peksos.soeharso');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.goto(`${server.url}/referensi`);
    await page.getByRole('heading', { name: 'Data referensi', level: 1 }).waitFor();
    await page.getByText('Hanya admin yang dapat mengubahnya', { exact: false }).waitFor();
    const cards = page.getByTestId('reference-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /^Ubah/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Tambah/ }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Ibu kota provinsi' }).click();
    await page.getByLabel('Cari kode, nama atau sumber').fill('makassar');
    await cards.filter({ hasText: 'Sulawesi Selatan' }).waitFor();
    expect(await cards.count()).toBe(1);
    // The page fits the phone: nothing scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
