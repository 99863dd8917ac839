import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  type Server,
  seriousA11yViolations,
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

async function open(username: string, viewport = { width: 1280, height: 900 }, isMobile = false) {
  await context?.close();
  context = await browser.newContext({ viewport, isMobile });
  page = await context.newPage();
  await signInThroughApi(page, server.url, username);
  await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
}

/** Register through the API with the signed-in user's session, confirming "new person". */
async function register(data: object): Promise<string> {
  const res = await page.request.post(`${server.url}/api/v1/people`, {
    headers: { origin: server.url },
    data: { confirmNew: true, ...data },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).id as string;
}

/** A person as the API shows them, minus what every write changes. */
async function personView(id: string) {
  const p = await (await page.request.get(`${server.url}/api/v1/people/${id}`)).json();
  const { version: _v, updatedAt: _u, ...rest } = p;
  return rest;
}

describe('duplicate review', () => {
  it('a head of unit merges two records of one person from the queue, then undoes it', async () => {
    await open('kepala.soeharso');
    const older = await register({
      fullName: 'Wahyu Hidayat',
      sex: 'L',
      birthDate: '1979-08-17',
      motherName: 'Sulastri',
      areaCode: '33.72',
      phones: [{ phone: '081311110001', owner: 'self' }],
    });
    const newer = await register({
      fullName: 'Wahyu Hidajat',
      sex: 'L',
      birthDate: '1979-08-19',
      motherName: 'Sulastri',
      areaCode: '33.72',
      phones: [{ phone: '081311110002', owner: 'self' }],
    });
    const before = { older: await personView(older), newer: await personView(newer) };

    // From the people page to the queue.
    await page.goto(`${server.url}/pm`);
    await page.getByRole('link', { name: 'Data ganda' }).click();
    await page.getByRole('heading', { name: 'Kemungkinan data ganda', level: 1 }).waitFor();
    const card = page.getByRole('article', { name: /Wahyu Hidajat dan Wahyu Hidayat/ });
    await card.waitFor();
    expect(await card.textContent()).toContain('lahir selisih 2 hari');
    expect(await card.textContent()).toContain('nama ibu 100% mirip');
    // The differing fields are marked; the mother's name is the same on both sides.
    const birth = card.locator('[data-different]').filter({ hasText: 'Tanggal lahir' });
    expect(await birth.count()).toBe(2);
    expect(await card.locator('[data-different]').filter({ hasText: 'Nama ibu' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Gabungkan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gabungkan dua data' });
    await dialog.getByText('dapat dibatalkan').waitFor();
    expect(await dialog.getByRole('radio', { name: /Wahyu Hidayat/ }).isChecked()).toBe(true);
    // The reason is required.
    await dialog.getByRole('button', { name: 'Gabungkan ke Wahyu Hidayat' }).click();
    await dialog.getByText('Tuliskan alasannya').waitFor();
    await dialog.getByLabel(/Alasan penggabungan/).fill('Nama ibu dan tanggal lahir dicek dengan keluarga');
    await dialog.getByRole('button', { name: 'Gabungkan ke Wahyu Hidayat' }).click();
    await page.getByText('Data digabungkan ke Wahyu Hidayat.').waitFor();
    await card.waitFor({ state: 'detached' });

    const merged = await personView(newer);
    expect(merged.mergedIntoId).toBe(older);
    const survivor = await personView(older);
    expect(survivor.aliases).toContain('Wahyu Hidajat');
    expect(survivor.phones).toHaveLength(2);

    // The history lists it; undo restores both records exactly.
    const item = page.getByTestId('merge-history-item').filter({ hasText: 'Wahyu Hidajat' });
    await item.getByText('Nama ibu dan tanggal lahir dicek dengan keluarga').waitFor();
    await item.getByRole('button', { name: 'Batalkan penggabungan' }).click();
    const undo = page.getByRole('dialog', { name: 'Batalkan penggabungan' });
    await undo.getByRole('button', { name: 'Ya, batalkan penggabungan' }).click();
    await page.getByText('Penggabungan dibatalkan.').waitFor();
    await item.getByText(/Dibatalkan oleh kepala\.soeharso/).waitFor();
    expect(await personView(older)).toEqual(before.older);
    expect(await personView(newer)).toEqual(before.newer);
    // The pair is back in the queue.
    await page.getByRole('article', { name: /Wahyu Hidajat dan Wahyu Hidayat/ }).waitFor();
  });

  it('on a phone, marks a pair as different people and the queue stops proposing it', async () => {
    await open('kepala.soeharso', { width: 390, height: 844 }, true);
    await register({ fullName: 'Dani Kurniawan', sex: 'L', birthDate: '2001-02-03' });
    await register({ fullName: 'Deni Kurniawan', sex: 'L', birthDate: '2001-02-03' });
    await page.goto(`${server.url}/pm/duplikat`);
    const card = page.getByRole('article', { name: /Deni Kurniawan dan Dani Kurniawan/ });
    await card.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await card.getByRole('button', { name: 'Bukan orang yang sama' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bukan orang yang sama' });
    await dialog.getByLabel(/Bagaimana Anda tahu/).fill('Kakak beradik kembar');
    await dialog.getByRole('button', { name: 'Catat sebagai orang berbeda' }).click();
    await page.getByText('Dicatat sebagai orang yang berbeda.').waitFor();
    await card.waitFor({ state: 'detached' });
    const reloaded = page.waitForResponse((r) => r.url().includes('/api/v1/people/duplicate-queue'));
    await page.reload();
    await reloaded;
    await page.getByRole('heading', { name: 'Antrean peninjauan' }).waitFor();
    expect(await page.getByRole('article', { name: /Deni Kurniawan dan Dani Kurniawan/ }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('tells a social worker that heads of unit review duplicates', async () => {
    await open('peksos.soeharso');
    await page.goto(`${server.url}/pm/duplikat`);
    await page.getByText('Peninjauan data ganda dilakukan oleh Kepala UPT dan Operator Pusat.').waitFor();
    await page.goto(`${server.url}/pm`);
    await page.getByRole('heading', { name: 'Penerima Manfaat', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Data ganda' }).count()).toBe(0);
  });
});
