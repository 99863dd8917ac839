import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, type Server, seriousA11yViolations, signIn, startServer } from './harness.ts';

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
    await signIn(page, server.url, 'kepala.soeharso');
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
    await signIn(page, server.url, 'pusat');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.goto(`${server.url}/unit`);
    await page.getByRole('tab', { name: 'Matriks multifungsi' }).click();
    const cell = page.getByTestId('cell-SOEHARSO-disabilitas');
    await cell.waitFor();
    expect(await cell.textContent()).toContain('R 120/120');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

describe('users', () => {
  it('lets a head of unit create a user and hands over a one-time password', async () => {
    await signIn(page, server.url, 'kepala.toddopuli');
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
