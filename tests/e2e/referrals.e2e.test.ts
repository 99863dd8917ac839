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

// Journeys over the caseload and the referral inbox/outbox (issue 5). The tests share one server and run in
// order: the case opened first is the one referred, and the referral sent is the one the other unit accepts.
let server: Server;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
let caseId = '';
let personId = '';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const PERSON = 'Rahmawati Kusuma';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function openAs(username: string, viewport = { width: 1280, height: 900 }) {
  await context?.close();
  context = await browser.newContext({ viewport });
  page = await context.newPage();
  await signInThroughApi(page, server.url, username);
  await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
}

/** Set-up through the API with the page's own session (same origin, so the CSRF check passes). */
const { call } = pageApi(() => page);

async function unitId(code: string) {
  const units = await call('GET', '/api/v1/units?limit=200');
  const items = units.body.items as { id: string; code: string }[];
  return items.find((u) => u.code === code)?.id;
}

const fitsThePhone = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('caseload', () => {
  it('shows a social worker their open case with its overdue task first, and counts it on the home page', async () => {
    await openAs('peksos.soeharso');
    const person = await call('POST', '/api/v1/people', {
      fullName: PERSON,
      nik: '3372016607900005',
      sex: 'P',
      birthDate: '1990-07-26',
      areaCode: '31.75',
      confirmNew: true,
    });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    personId = String(person.body.id);
    const opened = await call('POST', '/api/v1/cases', {
      personId,
      clusterCode: 'tuna_sosial_kpo',
      approaches: ['residential'],
      intakeSource: 'outreach',
      intakeDate: day(0),
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    caseId = String(opened.body.id);
    const task = await call('POST', `/api/v1/cases/${caseId}/tasks`, {
      kind: 'document',
      title: 'Urus KTP elektronik',
      dueOn: day(-2),
    });
    expect(task.status, JSON.stringify(task.body)).toBeLessThan(300);

    await page.reload();
    await page.getByTestId('my-work-open').getByText('1', { exact: true }).waitFor();
    expect(await page.getByTestId('my-work-overdue').textContent()).toContain('1Tugas terlambat');

    await page.getByRole('link', { name: 'Kasus', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Kasus', level: 1 }).waitFor();
    const card = page.getByTestId('case-card').filter({ hasText: PERSON });
    await card.waitFor();
    expect(await card.getByTestId('case-stage').textContent()).toBe('Rujukan/pengaduan masuk');
    expect(await card.getByTestId('case-next-task').textContent()).toContain('Urus KTP elektronik');
    await card.getByText('1 tugas terlambat').waitFor();
    expect(await card.getAttribute('href')).toBe(`/kasus/${caseId}`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Filtering by another stage leaves nothing, and says so.
    await page.getByRole('textbox', { name: 'Tahap' }).click();
    await page.getByRole('option', { name: 'Asesmen' }).click();
    await page.getByText('Tidak ada kasus terbuka pada tahap ini.').waitFor();
  });
});

describe('referrals between units', () => {
  it('refers the case to the nearest able unit, after the consent the form asks for', async () => {
    await openAs('peksos.soeharso');
    await page.getByRole('link', { name: 'Rujukan', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Rujukan', level: 1 }).waitFor();
    await page.getByText('Tidak ada rujukan masuk.').waitFor();
    await page.getByRole('button', { name: 'Rujuk kasus' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Kasus yang dirujuk' }).fill('Rahma');
    await page.getByRole('option', { name: new RegExp(PERSON) }).click();

    // The person lives in Jakarta Timur: Handayani covers it and ranks first, with its free beds.
    const first = dialog
      .getByRole('radiogroup', { name: 'Unit tujuan', exact: true })
      .getByRole('radio')
      .first();
    await first.waitFor();
    expect(await dialog.getByText('Dari alamat PM').count()).toBe(1);
    const firstLabel = await dialog.locator(`label[for="${await first.getAttribute('id')}"]`).textContent();
    expect(firstLabel).toMatch(/^1\. .*Handayani/);
    expect(await dialog.getByTestId('referral-beds').first().textContent()).toMatch(
      /Tempat tidur kosong: \d+ dari 25/,
    );

    // Nothing chosen yet: every missing field says what it needs.
    await dialog.getByRole('button', { name: 'Kirim rujukan' }).click();
    await dialog.getByText('Pilih unit tujuan').waitFor();
    await dialog.getByText('Pilih minimal satu layanan').waitFor();
    await dialog.getByText('Alasan minimal 10 karakter').waitFor();

    await first.check();
    await dialog.getByRole('checkbox', { name: 'Perawatan sosial dan/atau pengasuhan anak' }).check();
    await dialog.getByRole('checkbox', { name: 'Terapi fisik, psikososial, dan mental spiritual' }).check();
    await dialog.getByLabel('Alasan rujukan').fill('Korban eksploitasi, butuh rumah aman di Jakarta');
    await dialog.getByRole('button', { name: 'Kirim rujukan' }).click();
    const consent = dialog.getByTestId('consent-missing');
    await consent.waitFor();
    expect(await consent.textContent()).toContain('Belum ada persetujuan PM untuk rujukan');
    expect(await consent.getByRole('link', { name: 'Buka halaman PM' }).getAttribute('href')).toBe(
      `/pm/${personId}`,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);

    const given = await call('POST', `/api/v1/people/${personId}/consents`, {
      givenBy: 'self',
      purposes: ['services', 'referral'],
      method: 'verbal_witnessed',
      witnessName: 'Saksi',
      givenAt: day(0),
    });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    await dialog.getByRole('button', { name: 'Kirim rujukan' }).click();
    await page.getByText(/Rujukan terkirim ke .*Handayani/).waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // The outbox shows it, with the person (the sending unit knows them) and its deadline.
    expect(await page.getByRole('tab', { name: 'Keluar' }).getAttribute('aria-selected')).toBe('true');
    const card = page.getByTestId('referral-card').first();
    await card.getByTestId('referral-person').getByText(PERSON).waitFor();
    expect(await card.getByTestId('referral-status').textContent()).toBe('Menunggu jawaban');
    expect(await card.textContent()).toContain('Batas jawaban');
    expect(await card.textContent()).toContain('Terapi fisik, psikososial, dan mental spiritual');
    await card.getByRole('button', { name: 'Batalkan rujukan' }).waitFor();
  });

  it('shows another unit an empty inbox', async () => {
    await openAs('peksos.toddopuli');
    await page.goto(`${server.url}/rujukan`);
    await page.getByText('Tidak ada rujukan masuk.').waitFor();
    expect(await page.getByTestId('referral-card').count()).toBe(0);
    await page.getByRole('tab', { name: 'Keluar' }).click();
    await page.getByText('Belum ada rujukan keluar.').waitFor();
  });

  it('lets the receiving unit read the summary on a phone without the name, accept, and reach the new case', async () => {
    await openAs('peksos.handayani', { width: 390, height: 844 });
    await page.goto(`${server.url}/rujukan`);
    await page.getByRole('heading', { name: 'Rujukan', level: 1 }).waitFor();
    const card = page.getByTestId('referral-card').first();
    await card.waitFor();
    expect(await card.getByTestId('referral-summary').textContent()).toContain('Perempuan');
    await card.getByText('Identitas PM baru terlihat setelah rujukan diterima.').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(PERSON);
    expect(await card.getByTestId('referral-person').count()).toBe(0);
    expect(await fitsThePhone()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Terima' }).click();
    const dialog = page.getByRole('dialog', { name: 'Terima rujukan' });
    await dialog.getByRole('button', { name: 'Terima dan buka kasus' }).click();
    await dialog.getByText('Pilih minimal satu pendekatan').waitFor();
    await dialog.getByRole('checkbox', { name: 'Residensial (dalam balai)' }).check();
    await dialog.getByRole('button', { name: 'Terima dan buka kasus' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const link = page
      .getByTestId('accepted-alert')
      .getByRole('link', { name: 'Buka kasus baru di unit penerima' });
    await link.waitFor();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/kasus\/[0-9a-f-]{36}$/);
    expect(href).not.toBe(`/kasus/${caseId}`);
    // Accepted: now the unit sees who the person is, and the card links to its own case too.
    await card.getByTestId('referral-person').getByText(PERSON).waitFor();
    expect(await card.getByTestId('referral-status').textContent()).toBe('Diterima');
    expect(await card.getByTestId('receiving-case').getAttribute('href')).toBe(href);
    expect(await card.getByRole('button', { name: 'Terima' }).count()).toBe(0);

    // The new case is in this social worker's caseload.
    await page.goto(`${server.url}/kasus`);
    const mine = page.getByTestId('case-card').filter({ hasText: PERSON });
    await mine.waitFor();
    expect(await mine.getAttribute('href')).toBe(href);
    expect(await fitsThePhone()).toBe(true);
  });

  it('records a programme referral outcome from the outbox', async () => {
    await openAs('peksos.soeharso');
    const sent = await call('POST', '/api/v1/referrals', {
      caseId,
      toProgrammeCode: 'DUKCAPIL',
      servicesRequested: ['hidup_layak'],
      reason: 'Perlu KTP dan KK baru untuk bantuan sosial',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await page.goto(`${server.url}/rujukan?kotak=keluar`);
    const card = page.getByTestId('referral-card').filter({ hasText: 'KTP dan KK baru' });
    await card.getByRole('button', { name: 'Catat hasil' }).click();
    const dialog = page.getByRole('dialog', { name: 'Catat hasil rujukan program' });
    await dialog.getByRole('radio', { name: 'Terdaftar' }).check();
    await dialog.getByRole('button', { name: 'Simpan hasil' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByTestId('referral-status').getByText('Selesai').waitFor();
    expect(await card.textContent()).toContain('Terdaftar');
    expect(await card.getByRole('button', { name: 'Catat hasil' }).count()).toBe(0);
  });

  it('reloads the inbox when the referral was decided meanwhile (409)', async () => {
    await openAs('peksos.soeharso');
    const sent = await call('POST', '/api/v1/referrals', {
      caseId,
      toUnitId: await unitId('HANDAYANI'),
      servicesRequested: ['terapi'],
      reason: 'Rujukan kedua untuk terapi psikososial',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    await openAs('peksos.handayani');
    await page.goto(`${server.url}/rujukan`);
    const card = page.getByTestId('referral-card').filter({ hasText: 'Rujukan kedua' });
    await card.getByRole('button', { name: 'Tolak' }).waitFor();
    // A colleague declines it in another window while this page still shows it open.
    const meanwhile = await call('POST', `/api/v1/referrals/${sent.body.id}/decline`, {
      version: sent.body.version,
      reason: 'Kapasitas terapi penuh',
    });
    expect(meanwhile.status).toBe(200);
    await card.getByRole('button', { name: 'Tolak' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tolak rujukan' });
    await dialog.getByRole('button', { name: 'Tolak rujukan' }).click();
    await dialog.getByText('Tuliskan alasan, minimal 5 karakter').waitFor();
    await dialog.getByLabel('Alasan penolakan').fill('Tidak sesuai klaster');
    await dialog.getByRole('button', { name: 'Tolak rujukan' }).click();
    await page
      .getByText('Rujukan ini baru saja diubah oleh orang lain. Daftar dimuat ulang; periksa lalu coba lagi.')
      .waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByTestId('referral-status').getByText('Ditolak').waitFor();
    expect(await card.textContent()).toContain('Kapasitas terapi penuh');
  });

  it('shows headquarters every referral, and none when only overdue ones are asked for', async () => {
    await openAs('pusat');
    await page.goto(`${server.url}/rujukan`);
    await page.getByTestId('referral-card').first().waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Rujuk kasus' }).count()).toBe(0);
    // The switch is bound to the address: click it, then wait for what the user sees, not its state.
    await page.getByRole('switch', { name: 'Hanya yang terlambat' }).click();
    await page.getByText('Tidak ada rujukan yang terlambat.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
