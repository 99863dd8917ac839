import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  type Server,
  seriousA11yViolations,
  signIn,
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
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

describe('sign-in', () => {
  it('opens on an Indonesian login page and lands on a home page with name, role and unit', async () => {
    await page.goto(server.url);
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: 'Masuk ke Atensi' }).waitFor();
    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang, Admin Atensi/ }).waitFor();
    expect(await page.getByTestId('user-role').textContent()).toBe('Administrator');
    expect(await page.getByTestId('user-unit').textContent()).toContain('Kantor Pusat');
    await page.getByRole('link', { name: 'Log audit' }).first().waitFor();
  });

  it('shows a refused sign-in and stays on the login page', async () => {
    await signIn(page, server.url, 'admin', 'salah-sekali-2026');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Nama pengguna atau kata sandi salah');
    expect(page.url()).toContain('/login');
  });

  it('validates the form before sending it', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByText('Wajib diisi').first().waitFor();
  });

  it('signs out: back to the login page, and the session is over on the server', async () => {
    await signIn(page, server.url, 'dpo');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(/\/login/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
  });

  it('shows a unit user their unit, and no audit module', async () => {
    await signIn(page, server.url, 'peksos.soeharso');
    await page.getByRole('heading', { name: /Selamat datang, Agus Prasetyo/ }).waitFor();
    expect(await page.getByTestId('user-unit').textContent()).toContain('SOEHARSO');
    expect(await page.getByTestId('header-unit').textContent()).toContain('Prof. Dr. Soeharso');
    expect(await page.getByRole('link', { name: 'Log audit' }).count()).toBe(0);
    // Typing the address does not open it either: the page says the role does not allow it.
    await page.goto(`${server.url}/audit`);
    await page.getByRole('heading', { name: 'Anda tidak berwenang membuka halaman ini', level: 1 }).waitFor();
    expect(await page.getByTestId('audit-row').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('sends a user whose session ended back to the login page with an explanation', async () => {
    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await context.clearCookies();
    await page.getByRole('link', { name: 'Log audit' }).first().click();
    await page.waitForURL(/\/login\?expired=1&next=%2Faudit$/);
    await page.getByText('Sesi Anda telah berakhir. Silakan masuk kembali.').waitFor();
    // Signing in again returns to the page the user was on.
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel(/^Kata sandi/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Log audit', level: 1 }).waitFor();
  });
});

describe('language', () => {
  it('switches the login page to English and back, and remembers the choice', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to Atensi' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Atensi' }).waitFor();
    await page.getByText('ID', { exact: true }).click();
    await page.getByRole('heading', { name: 'Masuk ke Atensi' }).waitFor();
  });
});

describe('audit log page', () => {
  it('lists the admin sign-in and shows its details', async () => {
    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.getByRole('link', { name: 'Log audit' }).first().click();
    await page.getByRole('heading', { name: 'Log audit' }).waitFor();
    await page.getByLabel('Pengguna').fill('admin');
    await page.getByRole('button', { name: 'Cari' }).click();
    const row = page.getByTestId('audit-row').filter({ hasText: 'Masuk' }).first();
    await row.waitFor();
    await row.getByRole('button', { name: 'Rincian' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('user_session');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The sign-in also updated the user record: its details show the field before and after.
    const update = page.getByTestId('audit-row').filter({ hasText: 'Ubah' }).filter({ hasText: 'app_user' });
    await update.first().getByRole('button', { name: 'Rincian' }).click();
    const changes = page.getByRole('dialog').getByTestId('audit-changes');
    await changes.waitFor();
    expect(await changes.textContent()).toContain('last_login_at');
  });

  it('shows a failed sign-in as nobody known, with the username that was tried', async () => {
    await signIn(page, server.url, 'pusat', 'bukan-sandinya-2026');
    await page.getByTestId('login-error').waitFor();
    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.goto(`${server.url}/audit`);
    await page.getByRole('textbox', { name: 'Tindakan' }).click();
    await page.getByRole('option', { name: 'Gagal masuk', exact: true }).click();
    await page.getByRole('button', { name: 'Cari' }).click();
    const row = page.getByTestId('audit-row').filter({ hasText: 'mencoba “pusat”' }).first();
    await row.waitFor();
    expect(await row.locator('td:nth-child(2)').textContent()).toBe('tidak dikenal (mencoba “pusat”)');
  });

  it('narrows the list by action and loads more pages', async () => {
    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.goto(`${server.url}/audit`);
    await page.getByTestId('audit-row').first().waitFor();
    expect(await page.getByTestId('audit-row').count()).toBe(50);
    await page.getByRole('button', { name: 'Muat lebih banyak' }).click();
    await page.getByTestId('audit-row').nth(50).waitFor();

    await page.getByRole('textbox', { name: 'Tindakan' }).click();
    await page.getByRole('option', { name: 'Masuk', exact: true }).click();
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.getByText('Semua catatan sudah ditampilkan.').waitFor();
    const actions = await page.getByTestId('audit-row').locator('td:nth-child(4)').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['Masuk']));
  });
});

describe('change password', () => {
  it('checks the form, shows the API field error, then changes the password', async () => {
    await signIn(page, server.url, 'ska.handayani');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    await page.goto(`${server.url}/akun/kata-sandi`);
    await page.getByRole('heading', { name: 'Akun saya', level: 1 }).waitFor();
    const current = page.getByLabel(/^Kata sandi saat ini/);
    const next = page.getByLabel(/^Kata sandi baru/);
    const confirm = page.getByLabel(/^Ulangi kata sandi baru/);
    const save = page.getByRole('button', { name: 'Simpan kata sandi' });
    const newPassword = 'Lumbung-Sosial-Handayani-26';

    await current.fill('bukan-kata-sandinya');
    await next.fill('pendek');
    await confirm.fill('lain');
    await save.click();
    await page.getByText('Minimal 12 karakter', { exact: true }).waitFor();
    await page.getByText('Kata sandi tidak sama').waitFor();

    await next.fill(newPassword);
    await confirm.fill(newPassword);
    await save.click();
    await page.getByText('Kata sandi saat ini salah', { exact: true }).waitFor();

    await current.fill(DEMO_PASSWORD);
    await save.click();
    await page.getByText('Kata sandi diganti.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(/\/login/);
    await signIn(page, server.url, 'ska.handayani', newPassword);
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
  });
});

describe('on a phone', () => {
  it('opens the navigation from the menu button', async () => {
    await context.close();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    page = await context.newPage();
    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    const audit = page.getByRole('link', { name: 'Log audit' }).first();
    await page.getByRole('button', { name: 'Buka menu navigasi' }).click();
    await audit.waitFor({ state: 'visible' });
    await audit.click();
    await page.getByRole('heading', { name: 'Log audit' }).waitFor();
    // On a phone the log is a list of cards; tapping one opens its details.
    await page.getByTestId('audit-card').first().click();
    await page.getByRole('dialog').getByText('ID permintaan').waitFor();
    expect(await page.getByTestId('audit-row').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe violations on any page', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: 'Masuk ke Atensi' }).waitFor();
    const found: Record<string, string[]> = { login: await seriousA11yViolations(page) };
    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
    found.home = await seriousA11yViolations(page);
    for (const [name, path, heading] of [
      ['audit', '/audit', 'Log audit'],
      ['account', '/akun', 'Akun saya'],
      ['reference', '/referensi', 'Data referensi'],
      ['nearest', '/unit/terdekat', 'Cari unit terdekat'],
      ['people', '/pm', 'Penerima Manfaat'],
      ['caseload', '/kasus', 'Kasus'],
      ['referrals', '/rujukan', 'Rujukan'],
      ['not found', '/tidak-ada', 'Halaman tidak ditemukan'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      found[name] = await seriousA11yViolations(page);
    }
    expect(found).toEqual({
      login: [],
      home: [],
      audit: [],
      account: [],
      reference: [],
      nearest: [],
      people: [],
      caseload: [],
      referrals: [],
      'not found': [],
    });
  });
});
