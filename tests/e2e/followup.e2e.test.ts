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

// The follow-up journey (issue 6): a social worker records surveys for a person over time (one on a phone),
// sees them climb the roadmap on the person page with the income chart against the minimum wage, and an
// admin adds the missing minimum wage and corrects one. The tests share one server and one case and run in
// order; the case's assessment, plan and training are set up through the API (the cases journey covers them).
let server: Server;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
let personId = '';
let caseId = '';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
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

const fitsThePhone = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function openCase() {
  await page.goto(`${server.url}/kasus/${caseId}`);
  await page.getByRole('heading', { name: /^Kasus SOEHARSO-\d{4}-\d{5}$/, level: 1 }).waitFor();
}

async function openPerson() {
  await page.goto(`${server.url}/pm/${personId}`);
  await page.getByRole('heading', { name: 'Wulan Sari', level: 1 }).waitFor();
  await page.getByTestId('roadmap').getByTestId('roadmap-level').waitFor();
}

const currentLevel = () => page.getByTestId('roadmap-level').textContent();

type Survey = {
  date: string;
  kind?: string;
  wages?: string;
  aid?: string;
  work?: string;
  bank?: boolean;
  housing?: string;
  score?: string;
  needs?: boolean;
  total: string;
};

/** Fill the survey form (already open) and save it; the live total must read `total` before saving. */
async function fillSurvey(s: Survey) {
  await page.getByLabel('Tanggal survei').fill(s.date);
  if (s.kind) await page.getByLabel('Jenis survei').selectOption({ label: s.kind });
  await page.getByLabel('Upah/gaji').fill(s.wages ?? '0');
  await page.getByLabel(/^Bantuan sosial/).fill(s.aid ?? '0');
  await page.getByTestId('income-total').getByText(s.total).waitFor();
  if (s.work) await page.getByLabel('Status pekerjaan').selectOption({ label: s.work });
  if (s.bank !== undefined) await page.getByLabel('Memiliki rekening bank/tabungan').setChecked(s.bank);
  if (s.housing) await page.getByLabel('Tempat tinggal', { exact: true }).selectOption({ label: s.housing });
  await page.getByLabel(/^Skor keberfungsian sosial/).fill(s.score ?? '');
  if (s.needs !== undefined) {
    for (const label of [
      'Memiliki NIK/KTP',
      'Terdaftar di Kartu Keluarga (KK)',
      'Memiliki akta kelahiran',
      'Memiliki jaminan kesehatan (PBI-JK/BPJS)',
    ]) {
      await page.getByLabel(label).setChecked(s.needs);
    }
    await page.getByLabel('Anak usia sekolah').selectOption({ label: 'Tidak ada anak usia sekolah' });
  }
  await page.getByRole('button', { name: 'Simpan survei' }).click();
  await page.getByText('Survei tersimpan.').first().waitFor();
}

async function recordOnCase(s: Survey) {
  await openCase();
  await page.getByTestId('case-followup').getByRole('link', { name: 'Catat survei' }).click();
  await page.getByRole('heading', { name: 'Catat survei', level: 1 }).waitFor();
  await fillSurvey(s);
  await page.waitForURL(`${server.url}/kasus/${caseId}`);
}

describe('follow-up until independent', () => {
  it('sets up a person whose case has an approved plan: level 0 on the roadmap, no surveys yet', async () => {
    await openAs('peksos.soeharso');
    const person = await ok('POST', '/api/v1/people', {
      fullName: 'Wulan Sari',
      nik: '3372014507950002',
      sex: 'P',
      birthDate: '1995-07-05',
      areaCode: '33.72',
      confirmNew: true,
    });
    personId = String(person.id);
    const reference = await ok('GET', '/api/v1/reference');
    const clusters = reference.clusters as { code: string; nameId: string }[];
    const cluster = clusters.find((c) => c.nameId === 'Penyandang Disabilitas')?.code;
    const created = await ok('POST', '/api/v1/cases', {
      personId,
      clusterCode: cluster,
      approaches: ['family'],
      intakeSource: 'walk_in',
      intakeDate: '2024-11-01',
    });
    caseId = String(created.id);
    const form = await ok('GET', '/api/v1/cases/assessment-form');
    const answers = Object.fromEntries((form.domains as { key: string }[]).map((d) => [d.key, 2]));
    await ok('POST', `/api/v1/cases/${caseId}/assessments`, {
      answers,
      riskLevel: 'medium',
      assessedOn: '2024-11-05',
    });
    const planned = await ok('PUT', `/api/v1/cases/${caseId}/plan`, {
      goals: ['Bekerja dan hidup mandiri'],
      items: [
        {
          serviceCode: 'vokasional_kewirausahaan',
          description: 'Pelatihan menjahit',
          plannedQuantity: 1,
          budgetRupiah: 1500000,
        },
      ],
      version: 0,
    });
    const plan = planned.plan as { version: number };

    await openAs('kepala.soeharso');
    await ok('POST', `/api/v1/cases/${caseId}/plan/approve`, { version: plan.version });

    await openAs('peksos.soeharso');
    await openPerson();
    expect(await currentLevel()).toContain('Tingkat 0 · Asesmen');
    await page.getByText('Belum ada survei untuk PM ini.', { exact: false }).waitFor();
    await page
      .getByTestId('roadmap-next')
      .getByText('Yang belum terpenuhi untuk Tingkat 1 · Pulih')
      .waitFor();
    await page.getByTestId('roadmap-next').getByText('Terdaftar jaminan kesehatan (PBI-JK/BPJS)').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('lists the overdue intake survey at /tindak-lanjut and records it from there, refusing bad input at the field', async () => {
    await openAs('peksos.soeharso');
    await openCase();
    const section = page.getByTestId('case-followup');
    await section.getByText('Belum ada survei untuk kasus ini.').waitFor();
    const makeDefault = section.getByRole('button', { name: 'Buat jadwal bawaan' });
    if (await makeDefault.count()) await makeDefault.click();
    await section.getByTestId('case-schedule').getByText('1 November 2024 · Awal (penerimaan)').waitFor();
    await section.getByTestId('case-schedule').getByText('Terlambat').waitFor();

    await page.getByRole('link', { name: 'Tindak lanjut' }).first().click();
    await page.getByRole('heading', { name: 'Survei tindak lanjut', level: 1 }).waitFor();
    const due = page.getByTestId('due-survey').filter({ hasText: 'Wulan Sari' });
    await due.getByText(/^Terlambat \d+ hari$/).waitFor();
    await due.getByText('Jatuh tempo 1 November 2024').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await due.getByRole('link', { name: 'Catat survei Wulan Sari' }).click();

    await page.getByRole('heading', { name: 'Catat survei', level: 1 }).waitFor();
    await page
      .getByTestId('survey-schedule')
      .getByText(/Memenuhi jadwal: Awal \(penerimaan\)/)
      .waitFor();
    expect(await page.getByLabel('Jenis survei').inputValue()).toBe('intake');

    // The form's own checks: a date in the future.
    await page.getByLabel('Tanggal survei').fill('2099-01-01');
    await page.getByRole('button', { name: 'Simpan survei' }).click();
    await page.getByText('Tanggal tidak boleh di masa depan').waitFor();
    await page.getByText('Ada isian yang perlu diperbaiki.').waitFor();
    // The server's: a date before the case's intake, shown at the date field.
    await page.getByLabel('Tanggal survei').fill('2024-10-01');
    await page.getByRole('button', { name: 'Simpan survei' }).click();
    await page.getByText('Tanggal survei sebelum tanggal penerimaan kasus.').first().waitFor();
    expect(await page.getByLabel('Tanggal survei').evaluate((el) => el.getAttribute('aria-invalid'))).toBe(
      'true',
    );

    // Living in a shelter on social assistance, no documents yet.
    await fillSurvey({
      date: '2024-11-20',
      aid: '300000',
      housing: 'Rumah singgah/penampungan',
      needs: false,
      total: 'Rp 300.000',
    });
    await page.waitForURL(`${server.url}/tindak-lanjut`);
    await page.getByText('Tidak ada survei jatuh tempo untuk kasus Anda.').waitFor();

    await openPerson();
    expect(await currentLevel()).toContain('Tingkat 0 · Asesmen');
    const chart = page.getByTestId('income-chart');
    await chart
      .getByRole('img', { name: /Grafik garis pendapatan per bulan dan upah minimum dari 1 survei/ })
      .waitFor();
    // No minimum wage is known for Central Java in 2024: said so, never guessed.
    await page
      .getByTestId('cannot-assess')
      .getByText('Tidak dapat dinilai: upah minimum untuk survei 20 November 2024 belum tercatat.')
      .waitFor();
  });

  it('climbs to level 1 when basic needs are met', async () => {
    await openAs('peksos.soeharso');
    await recordOnCase({
      date: '2025-05-20',
      aid: '300000',
      housing: 'Bersama keluarga',
      needs: true,
      total: 'Rp 300.000',
    });
    await page.getByTestId('case-surveys').getByText('20 Mei 2025 · Rp 300.000').waitFor();

    // The worker plans an extra visit on the schedule.
    const section = page.getByTestId('case-followup');
    await section.getByRole('button', { name: 'Ubah jadwal' }).click();
    await section.getByRole('button', { name: 'Tambah jadwal' }).click();
    await section.getByLabel('Jatuh tempo').last().fill('2027-02-01');
    await section.getByRole('button', { name: 'Simpan jadwal' }).click();
    await page.getByText('Jadwal survei tersimpan.').first().waitFor();
    await section.getByTestId('case-schedule').getByText('1 Februari 2027 · Tindak lanjut').waitFor();

    // Someone else corrects the survey while the worker edits it: the save is refused and explained.
    await section.getByRole('link', { name: 'Ubah survei 20 Mei 2025' }).click();
    await page.getByRole('heading', { name: 'Ubah survei', level: 1 }).waitFor();
    const list = await ok('GET', `/api/v1/people/${personId}/surveys`);
    const s = (list.items as Record<string, unknown>[]).find((x) => x.surveyedOn === '2025-05-20');
    const fields = [
      'surveyedOn',
      'kind',
      'incomeWages',
      'incomeBusiness',
      'incomeTransfers',
      'incomeAid',
      'incomeOutlet',
      'incomeOther',
      'workStatus',
      'hasBusiness',
      'businessTurnover',
      'businessEmployees',
      'savings',
      'hasBankAccount',
      'housing',
      'socialFunctioningScore',
      'hasNik',
      'hasKk',
      'hasBirthCertificate',
      'hasHealthInsurance',
      'childrenInSchool',
      'version',
    ];
    await ok('PUT', `/api/v1/surveys/${s?.id}`, {
      ...Object.fromEntries(fields.map((f) => [f, s?.[f]])),
      notes: 'Dikoreksi oleh kepala UPT',
    });
    await page.getByLabel(/^Catatan survei/).fill('Sudah punya KTP elektronik');
    await page.getByRole('button', { name: 'Simpan survei' }).click();
    await page.getByText('Survei ini baru saja diubah orang lain.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Muat ulang' }).click();
    await expect
      .poll(() => page.getByLabel(/^Catatan survei/).inputValue())
      .toBe('Dikoreksi oleh kepala UPT');
    await page.getByLabel(/^Catatan survei/).fill('Sudah punya KTP elektronik');
    await page.getByRole('button', { name: 'Simpan survei' }).click();
    await page.waitForURL(`${server.url}/kasus/${caseId}`);
    await openPerson();
    expect(await currentLevel()).toContain('Tingkat 1 · Pulih');
    await page
      .getByTestId('roadmap-next')
      .getByText(/Skor keberfungsian sosial naik minimal 1 pita/)
      .waitFor();
  });

  it('on a phone, records a survey with a better social-functioning score and earnings: level 2', async () => {
    await openAs('peksos.soeharso', PHONE);
    await recordOnCase({
      date: '2025-11-20',
      wages: '1200000',
      aid: '300000',
      work: 'Pekerja lepas/serabutan',
      bank: true,
      score: '65',
      total: 'Rp 1.500.000',
    });
    expect(await fitsThePhone()).toBe(true);
    await openPerson();
    expect(await currentLevel()).toContain('Tingkat 2 · Berfungsi sosial');
    expect(await fitsThePhone()).toBe(true);
    await page.getByTestId('income-chart').waitFor();
    expect(await fitsThePhone()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('after the training, earning above the minimum wage reaches level 3; after termination "mandiri", level 4', async () => {
    await openAs('peksos.soeharso');
    const c = await ok('GET', `/api/v1/cases/${caseId}`);
    const item = (c.approvedPlan as { items: { id: string }[] }).items[0];
    await ok('POST', `/api/v1/cases/${caseId}/services`, {
      serviceCode: 'vokasional_kewirausahaan',
      planItemId: item?.id,
      deliveredOn: '2026-01-10',
      quantity: 1,
      costRupiah: 1500000,
    });
    await recordOnCase({
      date: '2026-03-20',
      wages: '2500000',
      work: 'Bekerja (karyawan)',
      score: '70',
      total: 'Rp 2.500.000',
    });
    await openPerson();
    expect(await currentLevel()).toContain('Tingkat 3 · Produktif (naik kelas)');
    const next = page.getByTestId('roadmap-next');
    await next.getByText('Yang belum terpenuhi untuk Tingkat 4 · Mandiri (mentas)').waitFor();
    await next.getByText('Kasus diterminasi dengan alasan: Mandiri').waitFor();

    // The head moves the case to termination; the worker records it with the reason "mandiri".
    await openAs('kepala.soeharso');
    const before = await ok('GET', `/api/v1/cases/${caseId}`);
    const moved = await ok('POST', `/api/v1/cases/${caseId}/stage`, {
      to: 'termination',
      version: before.version,
      override: { reason: 'Pelatihan dan pendampingan selesai lebih awal' },
    });
    await openAs('peksos.soeharso');
    await ok('POST', `/api/v1/cases/${caseId}/terminate`, {
      reason: 'mandiri',
      terminatedOn: '2026-06-30',
      aftercareVisits: [],
      version: moved.version,
    });
    await recordOnCase({
      date: '2026-08-20',
      wages: '2600000',
      work: 'Bekerja (karyawan)',
      score: '75',
      total: 'Rp 2.600.000',
    });
    await openPerson();
    expect(await currentLevel()).toContain('Tingkat 4 · Mandiri (mentas)');
    await page.getByText(/^Mandiri sejak \d+ \w+ \d{4}$/).waitFor();
    // Each level reached keeps its evidence: the income of both surveys against the minimum wage.
    const mandiri = page.getByTestId('roadmap-stepper').locator('li').filter({ hasText: 'Mandiri (mentas)' });
    await mandiri.getByText('Bukti').click();
    await mandiri.getByText(/Pendapatan 20 Agustus 2026: Rp 2\.600\.000/).waitFor();
    await mandiri.getByText(/Upah minimum 20 Agustus 2026: Rp 2\.327\.386/).waitFor();
    // The chart data as a table: income against the minimum wage of each survey's year.
    await page.getByText('Lihat data grafik').click();
    const table = page.getByTestId('income-chart').getByRole('table');
    await table.getByRole('row', { name: /20 Agustus 2026 Rp 2\.600\.000 Rp 2\.327\.386/ }).waitFor();
    await table.getByRole('row', { name: /20 November 2024 Rp 300\.000 tidak dapat dinilai/ }).waitFor();
    expect(await page.getByTestId('income-chart').locator('.recharts-line').count()).toBeGreaterThanOrEqual(
      2,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('an admin adds the missing minimum wage and corrects another, with checks at the fields', async () => {
    await openAs('admin');
    await page.goto(`${server.url}/referensi`);
    await page.getByRole('link', { name: 'Upah minimum dan tingkat peta jalan' }).click();
    await page.getByRole('heading', { name: 'Upah minimum dan peta jalan', level: 1 }).waitFor();
    const table = page.getByTestId('wages-table');
    await table.getByRole('row', { name: /Jawa Tengah 2026 Rp 2\.327\.386/ }).waitFor();

    await page.getByRole('button', { name: 'Tambah upah minimum' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Provinsi').selectOption({ label: 'Jawa Tengah' });
    await dialog.getByLabel('Tahun').fill('2024');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.getByText('Wajib diisi').waitFor();
    await dialog.getByText('Sebutkan sumbernya (minimal 3 karakter)').waitFor();
    await dialog.getByLabel('Besaran per bulan').fill('2036947');
    expect(await dialog.getByLabel('Besaran per bulan').inputValue()).toBe('Rp 2.036.947');
    await dialog.getByLabel('Sumber').fill('Keputusan Gubernur Jawa Tengah tentang UMP 2024');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Upah minimum tersimpan.').first().waitFor();
    await table.getByRole('row', { name: /Jawa Tengah 2024 Rp 2\.036\.947/ }).waitFor();

    await page.getByRole('button', { name: 'Ubah upah minimum Jawa Tengah 2025' }).click();
    await dialog.getByLabel('Besaran per bulan').fill('2169350');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Upah minimum tersimpan.').first().waitFor();
    await table.getByRole('row', { name: /Jawa Tengah 2025 Rp 2\.169\.350/ }).waitFor();

    await page.getByRole('tab', { name: 'Tingkat peta jalan' }).click();
    await page
      .getByTestId('levels')
      .getByText('Pendapatan ≥ 1 × upah minimum pada 2 survei terakhir berturut-turut')
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The admin tunes a level: a wrong value is refused at its field, a valid change is read back in words.
    await page.getByRole('button', { name: 'Ubah tingkat 5' }).click();
    const levelDialog = page.getByRole('dialog', { name: 'Ubah tingkat 5' });
    const months = levelDialog.getByLabel('Bulan setelah terminasi');
    await months.fill('3, 60');
    await levelDialog.getByText('Bulan ke-1 sampai 36', { exact: false }).first().waitFor();
    await months.fill('3, 6');
    await levelDialog
      .getByTestId('criteria-preview')
      .getByText('Survei bimbingan lanjut bulan ke-3, 6 setelah terminasi')
      .waitFor();
    await levelDialog.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Tingkat peta jalan tersimpan.').first().waitFor();
    await page
      .getByTestId('levels')
      .getByText('Survei bimbingan lanjut bulan ke-3, 6 setelah terminasi')
      .waitFor();

    // The person's 2024 survey can now be judged against the wage the admin added.
    await openAs('peksos.soeharso');
    await openPerson();
    await page.getByText('Lihat data grafik').click();
    await page
      .getByTestId('income-chart')
      .getByRole('row', { name: /20 November 2024 Rp 300\.000 Rp 2\.036\.947/ })
      .waitFor();
    expect(await page.getByTestId('cannot-assess').count()).toBe(0);

    // A survey recorded in error is deleted from its edit page, after a confirmation.
    await recordOnCase({
      date: '2026-09-01',
      kind: 'Sewaktu-waktu',
      wages: '2600000',
      total: 'Rp 2.600.000',
    });
    const surveys = page.getByTestId('case-surveys');
    await surveys.getByText('1 September 2026 · Rp 2.600.000').waitFor();
    await surveys.getByRole('link', { name: 'Ubah survei 1 September 2026' }).click();
    await page.getByRole('heading', { name: 'Ubah survei', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Hapus survei' }).click();
    await page.getByRole('dialog', { name: 'Hapus survei 1 September 2026?' }).waitFor();
    await page.getByRole('button', { name: 'Ya, hapus' }).click();
    await page.getByText('Survei dihapus.').first().waitFor();
    await page.waitForURL(`${server.url}/kasus/${caseId}`);
    await surveys.getByText('20 Agustus 2026 · Rp 2.600.000').waitFor();
    await surveys.getByText('1 September 2026', { exact: false }).waitFor({ state: 'detached' });
  });
});
