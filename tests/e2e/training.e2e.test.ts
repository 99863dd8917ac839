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

// The training journey (issue 6): a social worker opens a cohort, enrols a beneficiary of the unit, takes
// attendance, assesses and completes, downloads the certificate; anyone checks its code. The tests share one
// server and one cohort and run in order.
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cohortUrl = '';
let certificateCode = '';

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

async function signInAs(username: string) {
  await signInThroughApi(page, server.url, username);
  await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
}
const today = new Date().toISOString().slice(0, 10);
const fitsThePhone = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const dialog = () => page.getByRole('dialog');

/** A beneficiary with an open case at the signed-in worker's unit, made through the API. */
async function personWithCase(fullName: string, nik: string) {
  const status = await page.evaluate(
    async ({ fullName, nik, today }) => {
      const post = (url: string, body: object) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const p = await post('/api/v1/people', {
        fullName,
        nik,
        sex: 'P',
        birthDate: '1992-03-12',
        confirmNew: true,
      });
      const person = await p.json();
      const c = await post('/api/v1/cases', {
        personId: person.id,
        clusterCode: 'disabilitas',
        approaches: ['community'],
        intakeSource: 'walk_in',
        intakeDate: today,
      });
      return [p.status, c.status];
    },
    { fullName, nik, today },
  );
  expect(status).toEqual([201, 201]);
}

describe('a cohort from enrolment to certificate', () => {
  it('opens a cohort after the form points out what is missing', async () => {
    await signInAs('peksos.soeharso');
    await personWithCase('Wulandari Putri', '3372015203920004');
    await page.goto(`${server.url}/pelatihan`);
    await page.getByRole('heading', { name: 'Pelatihan', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Buka kelas' }).click();
    await dialog().getByRole('button', { name: 'Buka kelas' }).click();
    expect(await dialog().getByText('Wajib diisi').count()).toBeGreaterThanOrEqual(4);
    await dialog().getByRole('textbox', { name: 'Pelatihan' }).fill('Menjahit');
    await page.getByRole('option', { name: /^Menjahit/ }).click();
    await dialog().getByLabel('Tanggal mulai').fill(today);
    await dialog().getByLabel('Tanggal selesai').fill(today);
    await dialog().getByLabel('Instruktur').fill('Ibu Sri Wahyuni');
    await dialog().getByLabel('Tempat').fill('Ruang Keterampilan 2');
    await dialog().getByLabel('Kapasitas (orang)').fill('2');
    await dialog().getByRole('button', { name: 'Buka kelas' }).click();
    await page.getByRole('heading', { name: 'Menjahit', level: 1 }).waitFor();
    cohortUrl = page.url();
    expect(cohortUrl).toMatch(/\/pelatihan\/kelas\/[0-9a-f-]{36}$/);
    await page.getByText('Terisi 0 dari 2').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('enrols a beneficiary of the unit from the search picker, fills the capacity bar, and takes more places', async () => {
    await signInAs('peksos.soeharso');
    await page.goto(cohortUrl);
    await page.getByLabel('Cari PM (nama atau nomor kasus)').fill('Wulan');
    await page.getByRole('button', { name: 'Daftarkan Wulandari Putri' }).click();
    await page.getByText('Wulandari Putri didaftarkan.').waitFor();
    await page.getByText('Terisi 1 dari 2').waitFor();
    await page.getByText('sudah terdaftar').waitFor();
    await page.getByRole('button', { name: 'Ubah kelas' }).click();
    await dialog().getByLabel('Kapasitas (orang)').fill('3');
    await dialog().getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Kelas diperbarui.').waitFor();
    await page.getByText('Terisi 1 dari 3').waitFor();
  });

  it('adds a session and takes attendance on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs('peksos.soeharso');
    await page.goto(cohortUrl);
    await page.getByLabel('Materi').fill('Mengenal mesin jahit');
    await page.getByRole('button', { name: 'Tambah sesi' }).click();
    await page.getByText('Sesi ditambahkan.').waitFor();
    await page.getByRole('button', { name: /Mengenal mesin jahit/ }).click();
    await page.getByRole('checkbox', { name: 'Wulandari Putri' }).check();
    await page.getByRole('button', { name: 'Simpan kehadiran' }).click();
    await page.getByText('Kehadiran disimpan.').waitFor();
    await page.getByText('1 dari 1 hadir').waitFor();
    await page.getByText(/Hadir 1 dari 1 sesi/).waitFor();
    expect(await fitsThePhone()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('assesses, completes and downloads the certificate as a PDF', async () => {
    await signInAs('peksos.soeharso');
    await page.goto(cohortUrl);
    await page.getByRole('button', { name: 'Nilai', exact: true }).click();
    await dialog().getByRole('button', { name: 'Simpan nilai' }).click();
    await dialog().getByText('Nilai 0–100').waitFor();
    await dialog().getByLabel('Nilai (0–100)').fill('88');
    await dialog().getByRole('button', { name: 'Simpan nilai' }).click();
    await page.getByText('Nilai disimpan.').waitFor();
    await page.getByRole('button', { name: 'Selesaikan', exact: true }).click();
    await dialog().getByText('Peserta lulus penilaian').waitFor();
    await dialog().getByRole('button', { name: 'Selesaikan', exact: true }).click();
    await page.getByText('Pelatihan diselesaikan.').waitFor();
    await page.getByText('Lulus', { exact: true }).waitFor();
    const codeText = await page.getByText(/Kode sertifikat: ATN-/).textContent();
    certificateCode = /ATN-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(codeText ?? '')?.[0] ?? '';
    expect(certificateCode).not.toBe('');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh sertifikat' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`sertifikat-${certificateCode}.pdf`);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets anyone check the code, showing only initials', async () => {
    await page.goto(`${server.url}/verifikasi/${certificateCode}`);
    await page.getByText('Sertifikat sah').waitFor();
    await page.getByText('W.P.', { exact: true }).waitFor();
    await page.getByText('Menjahit', { exact: true }).waitFor();
    expect(await page.getByText('Wulandari').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Kode verifikasi').fill('ATN-AAAA-BBBB');
    await page.getByRole('button', { name: 'Periksa' }).click();
    await page.getByText('Kode tidak ditemukan').waitFor();
  });

  it('shows the catalogue with hours, competencies and the graduates beside each course', async () => {
    await signInAs('peksos.soeharso');
    await page.goto(`${server.url}/pelatihan?tab=katalog`);
    const sewing = page.locator('[data-course="VOK-MENJAHIT"]');
    await sewing.getByText('1 lulusan').waitFor();
    await sewing.getByText(/160 jam pelajaran/).waitFor();
    await page.locator('[data-course="WU-JUALAN-DARING"]').getByText('Penjualan Daring').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
