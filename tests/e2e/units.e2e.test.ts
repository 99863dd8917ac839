import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  type Server,
  seriousA11yViolations,
  signIn,
  signInThroughApi,
  startServer,
} from './harness.ts';

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

describe('units', () => {
  it('finds a unit by name, opens its page, and lets its head edit the profile', async () => {
    await signInThroughApi(page, server.url, 'kepala.soeharso');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.getByRole('link', { name: 'Unit', exact: true }).first().click();
    await page.getByLabel('Cari kode, nama atau kota').fill('Surakarta');
    await page.getByTestId('unit-row').filter({ hasText: 'SOEHARSO' }).waitFor();
    expect(await page.getByTestId('unit-row').count()).toBe(1);
    await page.getByRole('link', { name: 'SOEHARSO' }).click();
    await page.getByRole('heading', { name: /Soeharso/, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ubah profil' }).click();
    await page.getByLabel('Telepon').fill('+62 271 714 750');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('+62 271 714 750').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The matrix row: take children in residentially with 12 beds.
    await page.getByRole('button', { name: 'Ubah layanan' }).click();
    await page.getByLabel('Anak: Residensial').check();
    await page.getByLabel('Anak: Tempat tidur').fill('12');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('button', { name: 'Ubah layanan' }).waitFor();
    await page.getByText('12 dari 12 tempat tidur kosong').waitFor();
  });

  it('shows the multi-function matrix with free beds', async () => {
    await signInThroughApi(page, server.url, 'pusat');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.goto(`${server.url}/unit`);
    await page.getByRole('tab', { name: 'Matriks multifungsi' }).click();
    const cell = page.getByTestId('cell-SOEHARSO-disabilitas');
    await cell.waitFor();
    expect(await cell.textContent()).toContain('R 120/120');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

describe('units for headquarters', () => {
  it('shows an admin all 37 units in the matrix', async () => {
    await signInThroughApi(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.getByRole('link', { name: 'Unit', exact: true }).first().click();
    await page.getByRole('tab', { name: 'Matriks multifungsi' }).click();
    await page.getByTestId('matrix-count').waitFor();
    expect(await page.getByTestId('matrix-count').textContent()).toBe('37 unit × 8 klaster');
    const rows = page.getByRole('table', { name: 'Matriks multifungsi' }).locator('tbody tr');
    expect(await rows.count()).toBe(37);
  });

  it('finds the nearest unit able to take an older person residentially from Kota Makassar, on a phone', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    page = await context.newPage();
    await signInThroughApi(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.getByRole('button', { name: 'Buka menu navigasi' }).click();
    await page.getByRole('link', { name: 'Unit terdekat' }).click();
    await page.getByRole('heading', { name: 'Cari unit terdekat', level: 1 }).waitFor();
    expect(await page.getByText('Pilih klaster, cara layanan dan lokasi').isVisible()).toBe(true);

    await page.getByRole('textbox', { name: 'Klaster' }).click();
    await page.getByRole('option', { name: 'Lanjut Usia' }).click();
    expect(await page.getByRole('radio', { name: 'Residensial' }).isChecked()).toBe(true);
    await page.getByRole('combobox', { name: 'Wilayah' }).fill('makassar');
    await page.getByRole('option', { name: /^Kota Makassar, Sulawesi Selatan/ }).click();

    const rows = page.getByTestId('nearest-row');
    await rows.first().waitFor();
    // The unit covering South Sulawesi comes first even when farther units have more free beds.
    const first = (await rows.first().textContent()) ?? '';
    expect(first).toContain('Gau Mabaji');
    expect(first).toContain('Dalam jangkauan');
    expect(first).toContain('7,1 km');
    const soeharso = rows.filter({ hasText: 'SOEHARSO' });
    expect(await soeharso.textContent()).toContain('20 dari 20 tempat tidur kosong');
    expect(await soeharso.textContent()).toContain('Di luar jangkauan');
    expect(await soeharso.textContent()).toMatch(/989,4 km/);
    expect(page.url()).toContain('cluster=lanjut_usia');
    expect(page.url()).toContain('area=73.71');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await soeharso.getByRole('link').click();
    await page.getByRole('heading', { name: /Soeharso/, level: 1 }).waitFor();
  });

  it('lets an admin add a unit in Kota Surabaya, found by typing "surab", and archive it', async () => {
    await signInThroughApi(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.goto(`${server.url}/unit`);
    await page.getByRole('button', { name: 'Tambah unit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Tambah unit' }).click();
    // The form checks itself before asking the server.
    await dialog.getByText('Pilih kabupaten/kota dari daftar.').waitFor();

    await dialog.getByLabel('Kode unit').fill('soeharso');
    await dialog.getByLabel('Nama unit').fill('Balai Uji Surabaya');
    await dialog.getByRole('textbox', { name: 'Jenis' }).click();
    await page.getByRole('option', { name: 'Balai', exact: true }).click();
    const picker = dialog.getByRole('combobox', { name: 'Kabupaten/kota' });
    await picker.fill('surab');
    await page.getByRole('option', { name: /^Kota Surabaya, Jawa Timur/ }).waitFor();
    // Only regencies are offered here, not the villages called Surabaya; pick with the keyboard.
    expect(await page.getByRole('option').count()).toBe(1);
    await picker.press('ArrowDown');
    await picker.press('Enter');
    expect(await picker.inputValue()).toBe('Kota Surabaya, Jawa Timur');
    expect(await dialog.getByRole('textbox', { name: 'Kota', exact: true }).inputValue()).toBe('Surabaya');
    await dialog.getByLabel('Lintang').fill('-7,25');
    await dialog.getByLabel('Bujur').fill('112,75');
    await dialog.getByRole('button', { name: 'Tambah unit' }).click();
    // 409: the code is taken; the form says so under the field.
    await dialog.getByText('Kode unit sudah dipakai.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await dialog.getByLabel('Kode unit').fill('uji_surabaya');
    await dialog.getByRole('button', { name: 'Tambah unit' }).click();
    await page.getByRole('heading', { name: 'Balai Uji Surabaya', level: 1 }).waitFor();
    await page.getByText('UJI_SURABAYA', { exact: true }).waitFor();
    await page.getByText('Jawa Timur (bawaan)').waitFor();

    // Without a level restriction "surab" offers the city first and the villages named Surabaya with their
    // parents, so the choice is unambiguous; a stored code is shown by its name.
    await page.getByRole('button', { name: 'Ubah profil' }).click();
    const area = page.getByRole('combobox', { name: 'Wilayah alamat' });
    await area.fill('surab');
    const options = page.getByRole('option');
    await options.first().waitFor();
    expect(await options.first().getAttribute('aria-label')).toBe('Kota Surabaya, Jawa Timur (Kab/Kota)');
    expect(await options.nth(1).getAttribute('aria-label')).toMatch(
      /^Surabaya, .+, Sumatera Selatan \(Desa\/Kel\.\)$/,
    );
    await page.getByRole('option', { name: /^Kota Surabaya/ }).click();
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('button', { name: 'Ubah profil' }).waitFor();
    await page.getByText('Kota Surabaya, Jawa Timur', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Arsipkan' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('button', { name: 'Ya, arsipkan UJI_SURABAYA' }).click();
    await confirm.getByText('Tulis alasannya (minimal 3 huruf).').waitFor();
    await confirm.getByLabel('Alasan pengarsipan').fill('Dibuat untuk uji coba');
    await confirm.getByRole('button', { name: 'Ya, arsipkan UJI_SURABAYA' }).click();
    await page.getByText('Diarsipkan', { exact: true }).waitFor();
    await page.getByText(/Dibuat untuk uji coba/).waitFor();
    expect(await page.getByRole('button', { name: 'Ubah profil' }).count()).toBe(0);

    // Gone from the list of active units.
    await page.goto(`${server.url}/unit`);
    await page.getByLabel('Cari kode, nama atau kota').fill('UJI_SURABAYA');
    await page.getByText('Tidak ada unit yang cocok.').waitFor();
  });

  it('lets an admin merge a unit into another after saying what moves', async () => {
    await signInThroughApi(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.goto(`${server.url}/unit`);
    await page.getByLabel('Cari kode, nama atau kota').fill('PANGUDILUHUR');
    await page.getByRole('link', { name: 'PANGUDILUHUR' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Pangudi Luhur' }).waitFor();
    await page.getByRole('button', { name: 'Gabungkan' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('tidak dipindahkan otomatis').waitFor();
    await dialog.getByRole('textbox', { name: 'Unit tujuan' }).fill('BUDHI');
    await page.getByRole('option', { name: /^BUDHIDHARMA/ }).click();
    await dialog.getByText('Unit ini diarsipkan dan ditandai "Digabung ke BUDHIDHARMA".').waitFor();
    await dialog
      .getByLabel('Dasar keputusan')
      .fill('Kepmensos 2022: tiga balai di Bekasi menjadi satu Sentra');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Ya, gabungkan PANGUDILUHUR ke BUDHIDHARMA' }).click();
    await page.getByText('Digabung ke BUDHIDHARMA', { exact: true }).waitFor();
    await page.getByText(/Kepmensos 2022/).waitFor();
    expect(await page.getByRole('button', { name: 'Gabungkan' }).count()).toBe(0);
  });
});

describe('users', () => {
  it('lets a head of unit create a user and hands over a one-time password', async () => {
    await signInThroughApi(page, server.url, 'kepala.toddopuli');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.getByRole('link', { name: 'Pengguna' }).first().click();
    await page.getByTestId('user-row').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nama pengguna').fill('peksos2.toddopuli');
    await dialog.getByLabel('Nama lengkap').fill('Andi Baso');
    await dialog.getByLabel('Peran').click();
    await page.getByRole('option', { name: 'Pekerja Sosial' }).click();
    await dialog.getByRole('button', { name: 'Buat pengguna' }).click();
    const secret = page.getByTestId('initial-password');
    await secret.waitFor();
    const password = (await secret.textContent()) ?? '';
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await page.getByRole('button', { name: 'Selesai' }).click();
    await page.getByTestId('user-row').filter({ hasText: 'peksos2.toddopuli' }).waitFor();

    // The new user must change the password before anything else.
    await context.clearCookies();
    await signIn(page, server.url, 'peksos2.toddopuli', password);
    await page.getByRole('heading', { name: 'Akun saya' }).waitFor();
    expect(page.url()).toContain('/akun');
  });
});
