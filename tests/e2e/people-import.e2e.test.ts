import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  type Server,
  seriousA11yViolations,
  signInThroughApi,
  startServer,
} from './harness.ts';

// Bulk import of people (issue 4): a social worker uploads a small CSV, maps it, sees the invalid row in the
// preview, runs it to 100 %, downloads the rows not registered, and exports the search.
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
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
});

const CSV = [
  'Nama;NIK;Jenis Kelamin;Tgl Lahir;Kode Wilayah',
  'Ayu Lestari Impor;3372015503900004;Perempuan;15/03/1990;33.72',
  'Bambang Impor;3372011203850005;Laki-laki;12/03/1985;33.72',
  'Citra Masa Depan;;P;01/01/2999;33.72',
].join('\n');

async function downloadText(click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return readFileSync(file, 'utf8');
}

describe('importing people', () => {
  it('uploads, maps, previews the invalid row, runs to 100 % and downloads the rows not registered', async () => {
    await signInThroughApi(page, server.url, 'peksos.soeharso');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.goto(`${server.url}/pm`);
    await page.getByRole('link', { name: 'Impor', exact: true }).click();
    await page.getByRole('heading', { name: 'Impor data PM', level: 1 }).waitFor();
    await page.getByText('Belum ada impor.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page
      .getByLabel('Pilih berkas CSV atau XLSX')
      .setInputFiles({ name: 'daftar-pm.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByText('daftar-pm.csv: 3 baris.', { exact: false }).waitFor();
    // The columns were recognised by their Indonesian names.
    expect(await page.getByRole('textbox', { name: 'Tgl Lahir' }).inputValue()).toBe('Tanggal lahir');
    await page.getByLabel('Simpan pemetaan sebagai (opsional)').fill('Format uji');
    await page.getByRole('button', { name: 'Simpan pemetaan dan lihat pratinjau' }).click();

    await page.getByText('2 siap didaftarkan').waitFor();
    const problems = page.getByTestId('import-problems');
    expect(await problems.textContent()).toContain(
      'Baris 4 (tidak valid): Tgl Lahir: tanggal lahir tidak boleh di masa depan',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Jalankan impor (2 PM)' }).click();
    await page.getByText('3 dari 3 baris diproses (100%)').waitFor();
    await page.getByText('selesai', { exact: true }).first().waitFor();
    expect(
      await page.getByRole('progressbar', { name: 'Kemajuan impor' }).getAttribute('aria-valuenow'),
    ).toBe('100');

    const errors = await downloadText(() =>
      page.getByRole('link', { name: 'Unduh 1 baris yang tidak didaftarkan (CSV)' }).click(),
    );
    expect(errors).toContain('Baris,Hasil,Alasan,Nama,NIK,Jenis Kelamin,Tgl Lahir,Kode Wilayah');
    expect(errors).toContain(
      '4,tidak valid,Tgl Lahir: tanggal lahir tidak boleh di masa depan,Citra Masa Depan',
    );
    expect(await page.getByTestId('import-history-row').count()).toBe(1);
  });

  it('exports the search as CSV from the people page', async () => {
    await signInThroughApi(page, server.url, 'peksos.soeharso');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.goto(`${server.url}/pm?q=impor`);
    await page.getByText('Ayu Lestari Impor').first().waitFor();
    await page.getByRole('button', { name: 'Ekspor' }).click();
    const csv = await downloadText(() =>
      page.getByRole('menuitem', { name: 'Unduh hasil pencarian (CSV)' }).click(),
    );
    expect(csv).toContain('Ayu Lestari Impor,,3372015503900004,P,1990-03-15');
    expect(csv).toContain('Bambang Impor');
    expect(csv).not.toContain('Citra');
  });
});
