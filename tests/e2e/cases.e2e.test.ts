import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  type Server,
  seriousA11yViolations,
  signInThroughApi,
  startServer,
} from './harness.ts';

// The case journey (issue 5): a social worker takes a person from intake to after-care, the head of unit
// approves the plan. The tests share one server and one case and run in order.
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let personId = '';
let caseUrl = '';

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

async function signInAs(username: string) {
  await signInThroughApi(page, server.url, username);
  await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
}

const stepper = () => page.getByTestId('stage-stepper');
const currentStage = () => stepper().locator('[aria-current="step"]').textContent();
const doneStages = () => stepper().locator('[data-state="done"]').count();
const fitsThePhone = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function moveOn(stage: string) {
  await page.getByRole('button', { name: `Lanjut ke tahap ${stage}` }).click();
  await page.getByText(`Kasus pindah ke tahap ${stage}.`).waitFor();
  expect(await currentStage()).toContain(stage);
}

async function openCase() {
  await page.goto(caseUrl);
  await page.getByRole('heading', { name: /^Kasus SOEHARSO-\d{4}-\d{5}$/, level: 1 }).waitFor();
}

async function recordAssessment(score: string, risk: string) {
  await page.getByRole('tab', { name: 'Asesmen' }).click();
  await page.getByRole('button', { name: 'Catat asesmen' }).click();
  for (const domain of [
    'Kesehatan fisik',
    'Psikologis',
    'Relasi sosial',
    'Keluarga',
    'Ekonomi',
    'Spiritual',
    'Lingkungan',
    'Hukum dan identitas',
  ]) {
    await page.getByRole('radiogroup', { name: domain }).getByRole('radio', { name: score }).check();
  }
  await page.getByLabel('Tingkat risiko').selectOption({ label: risk });
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await page.getByText('Asesmen tersimpan.').waitFor();
}

describe('a case from intake to after-care', () => {
  it('opens a case from the person page after the form points out what is missing', async () => {
    await signInAs('peksos.soeharso');
    const created = await page.evaluate(async () => {
      const res = await fetch('/api/v1/people', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          fullName: 'Slamet Riyanto',
          nik: '3372011508900003',
          sex: 'L',
          birthDate: '1990-08-15',
          confirmNew: true,
        }),
      });
      return { status: res.status, body: (await res.json()) as { id: string } };
    });
    expect(created.status).toBe(201);
    personId = created.body.id;

    await page.goto(`${server.url}/pm/${personId}`);
    await page.getByRole('heading', { name: 'Slamet Riyanto', level: 1 }).waitFor();
    await page.getByText('Belum ada kasus untuk PM ini di unit Anda.').waitFor();
    await page.getByRole('link', { name: 'Buka kasus' }).click();
    await page.getByRole('heading', { name: 'Buka kasus', level: 1 }).waitFor();
    await page.getByText('untuk Slamet Riyanto').waitFor();

    await page.getByRole('button', { name: 'Buka kasus' }).click();
    await page.getByText('Pilih minimal satu pendekatan').waitFor();
    await page.getByText('Ada isian yang perlu diperbaiki.').waitFor();
    await page.getByLabel('Klaster').selectOption({ label: 'Penyandang Disabilitas' });
    await page.getByRole('checkbox', { name: 'Berbasis keluarga' }).check();
    await page.getByLabel('Sumber rujukan/pengaduan').selectOption({ label: 'Datang langsung' });
    await page.getByLabel(/^Catatan penerimaan/).fill('Datang bersama kakak; butuh kursi roda.');
    await page.getByRole('button', { name: 'Buka kasus' }).click();

    await page.getByRole('heading', { name: /^Kasus SOEHARSO-\d{4}-00001$/, level: 1 }).waitFor();
    caseUrl = page.url();
    expect(caseUrl).toMatch(/\/kasus\/[0-9a-f-]{36}$/);
    expect(await currentStage()).toContain('Rujukan/pengaduan masuk');
    await page.getByRole('link', { name: 'Slamet Riyanto' }).first().waitFor();
    await page.getByText('Berbasis keluarga').first().waitFor();

    // A second case for the same person is refused, with the way to the open one.
    await page.goto(`${server.url}/pm/${personId}`);
    await page.getByTestId('person-case').getByText('Rujukan/pengaduan masuk').waitFor();
    await page.getByRole('link', { name: 'Buka kasus' }).click();
    await page.getByRole('heading', { name: 'Buka kasus', level: 1 }).waitFor();
    await page.getByLabel('Klaster').selectOption({ label: 'Penyandang Disabilitas' });
    await page.getByRole('checkbox', { name: 'Residensial' }).check();
    await page.getByLabel('Sumber rujukan/pengaduan').selectOption({ label: 'Penjangkauan' });
    await page.getByRole('button', { name: 'Buka kasus' }).click();
    await page.getByText('Orang ini sudah memiliki kasus aktif di unit Anda.').waitFor();
    await page.getByRole('link', { name: /^Buka kasus SOEHARSO-/ }).click();
    await page.waitForURL(caseUrl);
  });

  it('refuses to move on without the first-contact note, then takes the case through assessment to a plan', async () => {
    await signInAs('peksos.soeharso');
    await openCase();
    await moveOn('Pendekatan awal');
    await page.getByText('catatan pendekatan awal').first().waitFor();
    await page.getByRole('button', { name: 'Lanjut ke tahap Asesmen' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Belum bisa pindah tahap' });
    await refusal.getByText('belum ada catatan pendekatan awal').waitFor();
    expect(await currentStage()).toContain('Pendekatan awal');

    await page.getByLabel('Isi catatan').fill('Kunjungan rumah pertama; skrining awal selesai.');
    await page.getByRole('button', { name: 'Tambah catatan' }).click();
    await page.getByText('Catatan tersimpan.').waitFor();
    await page.getByTestId('note').getByText('Kunjungan rumah pertama').waitFor();
    await moveOn('Asesmen');

    await recordAssessment('2', 'Tinggi');
    await page.getByTestId('assessment').getByText('Skor keberfungsian sosial: 25 / 100').waitFor();
    await moveOn('Rencana intervensi');

    await page.getByRole('tab', { name: 'Rencana' }).click();
    await page.getByLabel('Tujuan 1').fill('Mobilitas mandiri di rumah');
    await page.getByLabel(/^Komponen layanan ATENSI 1/).selectOption({ label: 'Dukungan aksesibilitas' });
    await page.getByLabel(/^Uraian 1/).fill('Kursi roda adaptif');
    await page.getByLabel(/^Anggaran 1/).fill('3500000');
    await page.getByText('Total anggaran: Rp 3.500.000').first().waitFor();
    expect(await page.getByLabel(/^Anggaran 1/).inputValue()).toBe('Rp 3.500.000');
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText('Draf rencana tersimpan.').waitFor();
    await page.getByTestId('plan-version').getByText('v1 draf').waitFor();
    await page.getByText('Menunggu persetujuan Kepala UPT.').waitFor();
    expect(await page.getByRole('button', { name: 'Setujui rencana' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Lanjut ke tahap Intervensi' }).click();
    await page.getByText('belum ada rencana intervensi yang disetujui').waitFor();
  });

  it('the head of unit approves the plan', async () => {
    await signInAs('kepala.soeharso');
    await openCase();
    await page.getByRole('tab', { name: 'Rencana' }).click();
    await page.getByRole('button', { name: 'Setujui rencana' }).click();
    await page.getByText('Rencana disetujui.').waitFor();
    await page
      .getByTestId('plan-version')
      .getByText(/^v1 disetujui oleh .+ pada \d+ \w+ \d{4}/)
      .waitFor();
    // Approval schedules the plan review.
    await page
      .getByTestId('glance-task')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page
      .getByText(/Tinjau rencana intervensi v1/)
      .first()
      .waitFor();
  });

  it('records a service against the plan and shows planned vs delivered', async () => {
    await signInAs('peksos.soeharso');
    await openCase();
    await moveOn('Intervensi');
    await page
      .getByLabel('Item rencana')
      .selectOption({ label: 'Dukungan aksesibilitas: Kursi roda adaptif' });
    await page.getByLabel('Biaya').fill('3250000');
    await page.getByLabel('Keterangan').fill('Kursi roda diserahkan');
    await page.getByRole('button', { name: 'Catat layanan' }).click();
    await page.getByText('Layanan tercatat.').waitFor();
    const progress = page.getByTestId('plan-progress');
    await progress.getByText('1 dari 1 kali').waitFor();
    await progress.getByText('Rp 3.250.000 dari Rp 3.500.000').waitFor();
    await page.getByTestId('service').getByText('Kursi roda diserahkan').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('on a phone, evaluates with a second assessment and shows the score trend', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs('peksos.soeharso');
    await openCase();
    await moveOn('Evaluasi');
    expect(await fitsThePhone()).toBe(true);
    await recordAssessment('4', 'Rendah');
    await page.getByTestId('score-trend').waitFor();
    expect(await page.getByTestId('score-trend').getByText('75', { exact: true }).count()).toBe(1);
    expect(await fitsThePhone()).toBe(true);
    await moveOn('Terminasi');
    expect(await fitsThePhone()).toBe(true);
  });

  it('terminates with an after-care visit and moves into after-care; the stepper shows the way', async () => {
    await signInAs('peksos.soeharso');
    await openCase();
    await page.getByRole('tab', { name: 'Terminasi', selected: true }).waitFor();
    await page.getByLabel('Alasan terminasi').selectOption({ label: 'Mandiri' });
    await page.getByLabel('Kunjungan 1', { exact: true }).fill('2099-01-15');
    await page.getByRole('button', { name: 'Catat terminasi' }).click();
    await page.getByText('Terminasi tercatat; kunjungan bimbingan lanjut dijadwalkan.').waitFor();
    await page.getByText(/Terminasi tercatat: Mandiri pada/).waitFor();
    await moveOn('Bimbingan lanjut');

    expect(await doneStages()).toBe(7);
    await page.getByText('kunjungan bimbingan lanjut selesai').first().waitFor();
    await page.getByRole('tab', { name: 'Tugas', selected: true }).waitFor();
    await page.getByTestId('task').getByText('Kunjungan bimbingan lanjut 1').waitFor();
    await page.getByText('jatuh tempo 15 Januari 2099').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`${server.url}/pm/${personId}`);
    await page.getByTestId('person-case').getByText('Bimbingan lanjut').waitFor();
  });

  it('a head who changes the plan cannot approve that version, and a stale close asks to reload', async () => {
    await signInAs('kepala.soeharso');
    await openCase();
    await page.getByRole('tab', { name: 'Rencana' }).click();
    await page.getByRole('button', { name: 'Ubah rencana (membuat versi baru)' }).click();
    await page.getByLabel('Tujuan 1').fill('Mobilitas mandiri di rumah dan lingkungan');
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.getByText('Draf rencana tersimpan.').waitFor();
    await page
      .getByTestId('plan-version')
      .getByText(/^v2 draf · v1 disetujui/)
      .waitFor();
    const approve = page.getByRole('button', { name: 'Setujui rencana' });
    expect(await approve.isDisabled()).toBe(true);
    await page.getByText(/Anda menyusun versi rencana ini, jadi tidak dapat menyetujuinya sendiri/).waitFor();

    // The head hands the case over (here to themselves: the unit's only other worker).
    await page.getByRole('tab', { name: 'Tutup, buka kembali, admisi' }).click();
    const handover = page.getByRole('region', { name: 'Alihkan kasus' });
    await handover.getByRole('button', { name: 'Alihkan', exact: true }).click();
    await page.getByText('Kasus sudah dialihkan.').waitFor();
    await handover.getByText(/Saat ini ditangani oleh/).waitFor();
    await page.getByRole('tab', { name: 'Rencana' }).click();

    // Someone else adds a note meanwhile: this page's version is stale.
    const caseId = caseUrl.split('/').pop();
    const status = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/cases/${id}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'Telepon dari keluarga' }),
      });
      return res.status;
    }, caseId);
    expect(status).toBe(200);
    await page.getByRole('tab', { name: 'Tutup, buka kembali, admisi' }).click();
    await page.getByLabel('Alasan').fill('Bimbingan lanjut dilanjutkan oleh keluarga');
    await page.getByRole('button', { name: 'Tutup kasus' }).click();
    await page.getByText('Kasus ini baru saja diubah orang lain.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Muat ulang' }).click();
    // The warning goes once the fresh case is in; the next click sends its version.
    await page
      .getByText('Kasus ini baru saja diubah orang lain.', { exact: false })
      .waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Tutup kasus' }).click();
    await page.getByText('Kasus ditutup.').waitFor();
    await page.getByText('Kasus ditutup: Bimbingan lanjut dilanjutkan oleh keluarga').waitFor();
    expect(await doneStages()).toBe(9);
  });
});
