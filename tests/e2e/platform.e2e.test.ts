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
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

describe('sign-in', () => {
  it('opens on an Indonesian login page and lands on a home page with name, role and unit', async () => {
    await page.goto(server.url);
    await page.waitForURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Masuk ke Atensi' }).isVisible()).resolves.toBe(true);
    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: /Selamat datang, Admin Atensi/ }).waitFor();
    expect(await page.getByTestId('user-role').textContent()).toBe('Administrator');
    expect(await page.getByTestId('user-unit').textContent()).toContain('Kantor Pusat');
    await expect(page.getByRole('link', { name: 'Log audit' }).first().isVisible()).resolves.toBe(true);
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
    await expect(page.getByText('Wajib diisi').first().isVisible()).resolves.toBe(true);
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
    expect(await page.getByRole('link', { name: 'Log audit' }).count()).toBe(0);
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
    await expect(page.getByRole('dialog').isVisible()).resolves.toBe(true);
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
      ['not found', '/tidak-ada', 'Halaman tidak ditemukan'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      found[name] = await seriousA11yViolations(page);
    }
    expect(found).toEqual({ login: [], home: [], audit: [], account: [], 'not found': [] });
  });
});
