import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  type Server,
  seriousA11yViolations,
  signInThroughApi,
  startServer,
} from './harness.ts';

// The unit head's part of the case process (issue 5): moving a case past a missing record with a recorded
// reason, residential admission with and without a free bed, closing early and reopening. People and cases
// are set up through the API from the signed-in page; everything under test is done in the UI.
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

const today = new Date().toISOString().slice(0, 10);
const stepper = () => page.getByTestId('stage-stepper');
const currentStage = () => stepper().locator('[aria-current="step"]').textContent();

async function signInAs(username: string) {
  await signInThroughApi(page, server.url, username);
  await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
}

/** Register a person and open a case for them at the signed-in user's unit; returns the case id. */
async function newCase(fullName: string, nik: string, clusterCode: string): Promise<string> {
  return page.evaluate(
    async ({ fullName, nik, clusterCode, today }) => {
      const post = async (url: string, body: object) => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
        return res.json();
      };
      const person = await post('/api/v1/people', {
        fullName,
        nik,
        sex: 'P',
        birthDate: '1950-07-01',
        confirmNew: true,
      });
      const c = await post('/api/v1/cases', {
        personId: person.id,
        clusterCode,
        approaches: ['residential', 'family'],
        intakeSource: 'walk_in',
        intakeDate: today,
      });
      return c.id as string;
    },
    { fullName, nik, clusterCode, today },
  );
}

async function openCase(id: string) {
  await page.goto(`${server.url}/kasus/${id}`);
  await page.getByRole('heading', { name: /^Kasus SOEHARSO-\d{4}-\d{5}$/, level: 1 }).waitFor();
}

describe('the unit head steers a case', () => {
  it('moves a case past a missing record only with a reason, and the stepper says so', async () => {
    await signInAs('kepala.soeharso');
    const id = await newCase('Sumarni Wulandari', '3372014107500003', 'lanjut_usia');
    await openCase(id);
    expect(await currentStage()).toContain('Rujukan/pengaduan masuk');

    await page.getByRole('button', { name: 'Kesampingkan dengan alasan (Kepala UPT)' }).click();
    await page.getByLabel('Pindah ke tahap').selectOption({ label: 'Asesmen' });
    await page.getByRole('button', { name: 'Pindahkan dengan alasan' }).click();
    // No reason: refused at the field, nothing moved.
    await page.getByText('Minimal 3 karakter').waitFor();
    expect(await currentStage()).toContain('Rujukan/pengaduan masuk');

    await page.getByLabel(/^Alasan/).fill('Rujukan rumah sakit sudah memuat hasil pendekatan awal');
    await page.getByRole('button', { name: 'Pindahkan dengan alasan' }).click();
    await page.getByText('Kasus pindah ke tahap Asesmen.').waitFor();
    expect(await currentStage()).toContain('Asesmen');
    expect(await currentStage()).toContain('dengan pengesampingan');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('a social worker sees no override and cannot admit residentially', async () => {
    await signInAs('kepala.soeharso');
    const id = await newCase('Tukiyem Rahayu', '3372014107500004', 'lanjut_usia');
    await context.clearCookies();
    await signInAs('peksos.soeharso');
    await openCase(id);
    await page.getByRole('button', { name: /^Lanjut ke tahap/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Kesampingkan dengan alasan (Kepala UPT)' }).count()).toBe(
      0,
    );
    await page.getByRole('tab', { name: 'Tutup, buka kembali, admisi' }).click();
    await page.getByText('Admisi residensial disetujui oleh Kepala UPT.').waitFor();
    expect(await page.getByRole('button', { name: 'Admisi residensial' }).count()).toBe(0);
  });

  it('admits into a cluster with free beds, and points to the nearest unit when there is none', async () => {
    await signInAs('kepala.soeharso');
    // Soeharso keeps 20 beds for older people and none for children.
    const withBed = await newCase('Painem Sulistyowati', '3372014107500005', 'lanjut_usia');
    await openCase(withBed);
    await page.getByRole('tab', { name: 'Tutup, buka kembali, admisi' }).click();
    await page.getByRole('button', { name: 'Admisi residensial' }).click();
    await page.getByText('PM masuk layanan residensial.').waitFor();
    await page.getByText(/^Sudah masuk residensial sejak/).waitFor();

    const noBed = await newCase('Siti Aminah Lestari', '3372014107500006', 'anak');
    await openCase(noBed);
    await page.getByRole('tab', { name: 'Tutup, buka kembali, admisi' }).click();
    await page.getByRole('button', { name: 'Admisi residensial' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Tidak ada tempat tidur kosong' });
    await alert.waitFor();
    const link = alert.getByRole('link', { name: 'Cari unit terdekat' });
    expect(await link.getAttribute('href')).toBe('/unit/terdekat?cluster=anak&mode=residential');
    await link.click();
    await page.waitForURL(/\/unit\/terdekat\?cluster=anak&mode=residential$/);
  });

  it('closes a case early with a reason and reopens it at assessment', async () => {
    await signInAs('kepala.soeharso');
    const id = await newCase('Warsini Kartika', '3372014107500007', 'lanjut_usia');
    await openCase(id);
    await page.getByRole('tab', { name: 'Tutup, buka kembali, admisi' }).click();
    await page.getByRole('button', { name: 'Tutup kasus' }).click();
    await page.getByText('Minimal 3 karakter').waitFor();

    await page.getByLabel('Alasan').fill('Keluarga menjemput dan pindah ke luar provinsi');
    await page.getByRole('button', { name: 'Tutup kasus' }).click();
    await page.getByText('Kasus ditutup.').waitFor();
    await page.getByText('Kasus ditutup: Keluarga menjemput dan pindah ke luar provinsi').waitFor();

    await page.getByLabel('Alasan').fill('Keluarga kembali dan meminta layanan dilanjutkan');
    await page.getByRole('button', { name: 'Buka kembali kasus' }).click();
    await page.getByText('Kasus dibuka kembali.').waitFor();
    expect(await currentStage()).toContain('Asesmen');
  });
});
