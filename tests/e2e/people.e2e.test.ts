import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  type Server,
  seriousA11yViolations,
  signInThroughApi,
  startServer,
} from './harness.ts';

// Journeys over the people registry (issue 4). The tests share one server and run in order: the person
// registered first is the one later tests find, edit and compare lookalikes with.
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let budiUrl = '';

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

/** Axe over a page once everything on it has loaded (the panels load on their own). */
async function a11yWhenLoaded() {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  return seriousA11yViolations(page);
}

const fitsThePhone = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('people for a social worker', () => {
  it('registers a person after fixing the fields the form and the server point out', async () => {
    await signInAs('peksos.soeharso');
    await page.getByRole('link', { name: 'Penerima Manfaat', exact: true }).click();
    await page.getByRole('heading', { name: 'Penerima Manfaat', level: 1 }).waitFor();
    await page.getByText('Belum ada PM yang terdaftar atau dilayani unit Anda.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Daftarkan PM' }).first().click();
    await page.getByRole('heading', { name: 'Daftarkan Penerima Manfaat', level: 1 }).waitFor();
    const nik = page.getByRole('textbox', { name: 'NIK', exact: true });
    await nik.fill('337201120385');
    await page.getByText('12 dari 16 angka').waitFor();
    // A serial of 0000 breaks a NIK rule: said as soon as the 16th digit is typed.
    await nik.fill('3372011203850000');
    await page.getByText('Nomor urut (4 angka terakhir) tidak boleh 0000.').waitFor();
    await page.getByLabel('Nama lengkap').fill('Budi Santoso');
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await page.getByText('Ada 2 isian yang perlu diperbaiki.').waitFor();
    await page.getByText('Pilih jenis kelamin.').waitFor();
    expect(await nik.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await nik.fill('3372011203850001');
    await page.getByRole('textbox', { name: 'Nomor KK' }).fill('3372010101090002');
    await page.getByRole('radio', { name: 'Laki-laki' }).check();
    await page.getByLabel('Tanggal lahir', { exact: true }).fill('1985-03-12');
    await page.getByLabel('Tempat lahir').fill('Surakarta');
    const aliases = page.getByRole('textbox', { name: 'Nama lain / panggilan' });
    await aliases.fill('Mas Bud');
    await aliases.press('Enter');
    await page.getByLabel('Nama ibu kandung').fill('Sri Wahyuni');
    const area = page.getByRole('combobox', { name: 'Wilayah (sampai desa/kelurahan)' });
    await area.fill('kota surakarta');
    await page.getByRole('option', { name: /^Kota Surakarta, Jawa Tengah/ }).click();
    await page.getByLabel('Jalan, nomor rumah').fill('Jl. Slamet Riyadi 10');
    await page.getByRole('button', { name: 'Tambah nomor' }).click();
    // Looks like a number to the form; the server knows no Indonesian number starts 00.
    await page.getByRole('textbox', { name: 'Nomor telepon 1' }).fill('0000 1234 5678');
    await page.getByRole('button', { name: 'Tambah keluarga/wali' }).click();
    await page.getByLabel('Nama keluarga 1').fill('Sri Wahyuni');
    await page.getByRole('textbox', { name: 'Hubungan keluarga 1' }).fill('ibu');
    await page.getByRole('textbox', { name: 'Klaster' }).click();
    await page.getByRole('option', { name: 'Penyandang Disabilitas' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await page.getByText('Nomor telepon tidak valid (contoh: 0812 3456 7890)').waitFor();
    expect(await page.getByRole('textbox', { name: 'Nomor telepon 1' }).getAttribute('aria-invalid')).toBe(
      'true',
    );

    await page.getByRole('textbox', { name: 'Nomor telepon 1' }).fill('0812-3456-7890');
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await page.getByRole('heading', { name: 'Budi Santoso', level: 1 }).waitFor();
    budiUrl = page.url();
    expect(budiUrl).toMatch(/\/pm\/[0-9a-f-]{36}$/);
    await page.getByText('NIK 3372011203850001').waitFor();
    await page.getByText('+6281234567890').waitFor();
    await page.getByText('Kota Surakarta, Jawa Tengah').waitFor();
    await page.getByText('Surakarta, 12 Maret 1985').waitFor();
    expect(await page.getByTestId('relations').textContent()).toContain('Sri Wahyuni· ibu');
    expect(await page.getByTestId('person-warnings').count()).toBe(0);
    expect(await a11yWhenLoaded()).toEqual([]);
  });

  it('finds the person with a typo, opens the page, edits it and reads the specific data', async () => {
    await signInAs('peksos.soeharso');
    await page.goto(`${server.url}/pm`);
    const search = page.getByLabel('Cari nama, alias, NIK atau KK');
    await search.fill('joko widodo');
    await page.getByText('Tidak ada PM yang cocok.').waitFor();
    await search.fill('budi santsoo');
    // The search is kept in the address, so "back" from the person returns to these results.
    await page.waitForURL(/q=budi\+santsoo/);
    const row = page.getByTestId('person-row').filter({ hasText: 'Budi Santoso' });
    await row.waitFor();
    expect(await row.textContent()).toContain('alias Mas Bud');
    await page.getByText('1 PM ditemukan').waitFor();
    // The misspelt word was corrected to a name word, and the page says so.
    expect(await page.getByTestId('people-searched-for').textContent()).toContain('“budi santoso”');
    await row.getByRole('link', { name: 'Budi Santoso' }).click();
    await page.getByRole('heading', { name: 'Budi Santoso', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Ubah', exact: true }).click();
    await page.getByRole('heading', { name: 'Ubah data Budi Santoso', level: 1 }).waitFor();
    expect(await page.getByRole('textbox', { name: 'NIK', exact: true }).inputValue()).toBe(
      '3372011203850001',
    );
    await page.getByLabel('Jalan, nomor rumah').fill('Jl. Slamet Riyadi 12');
    await page.getByLabel('RT', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('heading', { name: 'Budi Santoso', level: 1 }).waitFor();
    await page.getByText('Jl. Slamet Riyadi 12, RT 3 / RW —').waitFor();

    // Specific data opens only on request (the read is audited) and saves with its version.
    expect(await page.getByTestId('sensitive-data').count()).toBe(0);
    await page.getByRole('button', { name: 'Tampilkan data khusus (akses dicatat)' }).click();
    await page.getByTestId('sensitive-data').waitFor();
    await page.getByRole('button', { name: 'Ubah data khusus' }).click();
    await page.getByLabel('Catatan kesehatan').fill('Hipertensi ringan');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByTestId('sensitive-data').getByText('Hipertensi ringan').waitFor();
  });

  it('asks to reload when someone else saved the record first', async () => {
    await signInAs('peksos.soeharso');
    await page.goto(`${budiUrl}/ubah`);
    await page.getByRole('heading', { name: 'Ubah data Budi Santoso', level: 1 }).waitFor();
    // Another user saves in the meantime.
    const status = await page.evaluate(async (url) => {
      const id = url.split('/').pop();
      const p = await (await fetch(`/api/v1/people/${id}`)).json();
      const res = await fetch(`/api/v1/people/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          nik: p.nik,
          kkNo: p.kkNo,
          fullName: p.fullName,
          aliases: p.aliases,
          sex: p.sex,
          birthDate: p.birthDate,
          birthPlace: p.birthPlace,
          motherName: 'Sri Wahyuningsih',
          areaCode: p.areaCode,
          street: p.street,
          rt: p.rt,
          phones: p.phones,
          relations: p.relations.map((r: { name: string; relationship: string }) => ({
            name: r.name,
            relationship: r.relationship,
          })),
          clusters: p.clusters.map((c: { code: string }) => c.code),
          version: p.version,
        }),
      });
      return res.status;
    }, budiUrl);
    expect(status).toBe(200);
    await page.getByLabel('Tempat lahir').fill('Solo');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Data ini diubah orang lain').waitFor();
    await page.getByRole('button', { name: 'Muat ulang' }).click();
    await page.getByText('Data ini diubah orang lain').waitFor({ state: 'detached' });
    expect(await page.getByLabel('Nama ibu kandung').inputValue()).toBe('Sri Wahyuningsih');
    expect(await page.getByLabel('Tempat lahir').inputValue()).toBe('Surakarta');
  });

  it('shows a lookalike with why it matches, and registers a new person when told so', async () => {
    await signInAs('peksos.soeharso');
    await page.goto(`${server.url}/pm/baru`);
    await page.getByRole('heading', { name: 'Daftarkan Penerima Manfaat', level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Alasan tanpa NIK').fill('Tidak membawa dokumen');
    await page.getByLabel('Nama lengkap').fill('Budi Santosa');
    await page.getByRole('radio', { name: 'Laki-laki' }).check();
    await page.getByLabel('Tanggal lahir', { exact: true }).fill('1985-03-12');
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Ada data yang mirip' });
    await dialog.waitFor();
    const candidate = dialog.getByTestId('duplicate-candidate').filter({ hasText: 'Budi Santoso' });
    const text = (await candidate.textContent()) ?? '';
    expect(text).toMatch(/nama \d+% mirip/);
    expect(text).toContain('tanggal lahir sama');
    expect(text).toContain('Terdaftar di');
    expect(await candidate.getByRole('link', { name: 'Buka data yang ada' }).getAttribute('href')).toBe(
      new URL(budiUrl).pathname,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Ini orang baru' }).click();
    await page.getByRole('heading', { name: 'Budi Santosa', level: 1 }).waitFor();
    expect(page.url()).not.toBe(budiUrl);
    await page.getByText('Perlu dokumen identitas').first().waitFor();
    await page.getByText('Belum ada NIK: Tidak membawa dokumen').waitFor();
  });

  it('refuses a NIK that is already registered and links the existing record', async () => {
    await signInAs('kepala.soeharso');
    await page.goto(`${server.url}/pm/baru`);
    await page.getByRole('textbox', { name: 'NIK', exact: true }).fill('3372011203850001');
    await page.getByLabel('Nama lengkap').fill('Orang Lain Sekali');
    await page.getByRole('radio', { name: 'Perempuan' }).check();
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'NIK sudah terdaftar' });
    await dialog.waitFor();
    await dialog.getByText('NIK sama').waitFor();
    expect(await dialog.getByRole('button', { name: 'Ini orang baru' }).count()).toBe(0);
    await dialog.getByRole('link', { name: 'Buka data yang ada' }).click();
    await page.getByRole('heading', { name: 'Budi Santoso', level: 1 }).waitFor();
  });
});

describe('people across units and on a phone', () => {
  it("finds nothing for another unit's social worker searching the same name or NIK", async () => {
    await signInAs('peksos.handayani');
    await page.goto(`${server.url}/pm`);
    await page.getByText('Belum ada PM yang terdaftar atau dilayani unit Anda.').waitFor();
    const search = page.getByLabel('Cari nama, alias, NIK atau KK');
    await search.fill('budi santoso');
    await page.getByText('Tidak ada PM yang cocok.').waitFor();
    await search.fill('3372011203850001');
    await page.waitForURL(/q=3372011203850001/);
    await page.getByText('Tidak ada PM yang cocok.').waitFor();
    expect(await page.getByTestId('person-row').count()).toBe(0);
    // The record itself is out of reach too.
    await page.goto(budiUrl);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('heading', { name: 'Budi Santoso' }).count()).toBe(0);
  });

  it('works on a phone: cards for results, a person page and the form without sideways scrolling', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    page = await context.newPage();
    await signInAs('peksos.soeharso');
    await page.getByRole('button', { name: 'Buka menu navigasi' }).click();
    await page.getByRole('link', { name: 'Penerima Manfaat', exact: true }).click();
    await page.getByLabel('Cari nama, alias, NIK atau KK').fill('budi');
    const cards = page.getByTestId('person-card');
    await cards.nth(1).waitFor();
    expect(await page.getByTestId('person-row').count()).toBe(0);
    expect(await cards.filter({ hasText: 'Budi Santosa' }).textContent()).toContain(
      'Perlu dokumen identitas',
    );
    expect(await fitsThePhone()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await cards.filter({ hasText: 'Budi Santoso' }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Budi Santoso', level: 1 }).waitFor();
    expect(await fitsThePhone()).toBe(true);
    await page.getByRole('link', { name: 'Ubah', exact: true }).click();
    await page.getByRole('heading', { name: 'Ubah data Budi Santoso', level: 1 }).waitFor();
    expect(await fitsThePhone()).toBe(true);
  });
});

// ---- documents, photo and consent on the person page (issue 4; DocumentsPanel and ConsentPanel) ----
describe('documents and consent on the person page', () => {
  // A real 4×4 grey PNG and a minimal PDF, so the journey needs no fixture files.
  const png = () =>
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAAAAACMmsGiAAAADklEQVR4nGNoAAIGVAIAUBQIAXAlrj8AAAAASUVORK5CYII=',
      'base64',
    );
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

  it('uploads a photo and a signed form, refuses a disguised and an oversize file, records and withdraws a guardian’s consent', async () => {
    await signInAs('peksos.soeharso');
    const born = new Date().getFullYear() - 10;
    const tenYearsAgo = `${born}-03-04`;
    // A NIK that agrees with the birth date and sex (day + 40 for women), so the page shows no warnings.
    const nik = `3372014403${String(born % 100).padStart(2, '0')}0001`;
    const created = await page.request.post(`${server.url}/api/v1/people`, {
      headers: { origin: server.url },
      data: {
        fullName: 'Rina Anak Dokumen',
        nik,
        sex: 'P',
        birthDate: tenYearsAgo,
        relations: [{ name: 'Siti Aminah', relationship: 'ibu' }],
        confirmNew: true,
      },
    });
    expect(created.status()).toBe(201);
    const id = (await created.json()).id as string;
    await page.goto(`${server.url}/pm/${id}`);
    await page.getByRole('heading', { name: 'Rina Anak Dokumen', level: 1 }).waitFor();
    await page.getByText('Belum ada dokumen atau foto.').waitFor();
    await page.getByText('Belum ada persetujuan yang dicatat.').waitFor();

    const fileInput = page.locator('section[aria-labelledby="documents-title"] input[type="file"]');
    // An oversize file is stopped before it is sent.
    await fileInput.setInputFiles({
      name: 'besar.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(6 * 1024 * 1024),
    });
    await page.getByText('Berkas lebih dari 5 MB').waitFor();

    // A web page renamed .pdf passes the browser's look but not the server's check of the content.
    await page.getByLabel('Jenis dokumen').selectOption('other');
    await fileInput.setInputFiles({
      name: 'x.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<!doctype html><script>alert(1)</script>'),
    });
    await page.getByRole('button', { name: 'Unggah', exact: true }).click();
    await page.getByText(/Jenis berkas tidak diizinkan/).waitFor();

    await page.getByLabel('Jenis dokumen').selectOption('photo');
    await fileInput.setInputFiles({ name: 'wajah.png', mimeType: 'image/png', buffer: png() });
    await page.getByRole('button', { name: 'Unggah', exact: true }).click();
    const photo = page.getByRole('img', { name: 'Foto penerima manfaat' });
    await photo.waitFor();
    expect(await photo.getAttribute('src')).toMatch(/^blob:/);

    await page.getByLabel('Jenis dokumen').selectOption('consent_form');
    await fileInput.setInputFiles({ name: 'persetujuan.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Unggah', exact: true }).click();
    await page.getByTestId('document-row').filter({ hasText: 'persetujuan.pdf' }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Unduh wajah.png' }).click();
    expect((await download).suggestedFilename()).toBe('wajah.png');

    // A child: only a guardian can consent.
    await page.getByText(/persetujuan harus diberikan oleh orang tua atau wali/).waitFor();
    await page.getByRole('button', { name: 'Catat persetujuan' }).click();
    expect(await page.getByRole('radio', { name: 'Yang bersangkutan' }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /^Rujukan/ }).check();
    await page.getByRole('radio', { name: 'Formulir bertanda tangan' }).check();
    await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
    await page.getByText('Pilih formulir yang ditandatangani.').waitFor();
    await page.getByLabel('Pindaian formulir').selectOption({ index: 1 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
    const badges = page.getByTestId('consent-purposes');
    await badges.locator('[data-consented="true"]', { hasText: 'Rujukan' }).waitFor();
    const item = page.getByTestId('consent-item').first();
    expect(await item.textContent()).toContain('Wali / orang tua: Siti Aminah');

    await item.getByRole('button', { name: 'Tarik persetujuan' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Alasan penarikan').fill('Ibu tidak ingin anaknya dirujuk');
    await dialog.getByRole('button', { name: 'Tarik persetujuan' }).click();
    await item.getByText('Ditarik', { exact: true }).waitFor();
    expect(await badges.locator('[data-consented="true"]').count()).toBe(0);
    expect(await item.textContent()).toContain('Ibu tidak ingin anaknya dirujuk');

    await page.getByRole('button', { name: 'Hapus wajah.png' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Hapus', exact: true }).click();
    await page.getByRole('img', { name: 'Foto penerima manfaat' }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('document-row').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // On a phone the panels fit the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('consent-history').waitFor();
    // The layout reflows after the resize: wait for it to settle (it fails if it never fits).
    await expect.poll(fitsThePhone, { timeout: 5000 }).toBe(true);
  });
});
