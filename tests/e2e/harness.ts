// Starts the real Atensi server (as `npm start` does, on a fresh embedded database with demo data) and
// a headless Chromium, and checks pages with axe-core. The first boot (migrations, areas, demo data) runs
// once per run in the global setup; each test file's server starts on its own copy of that data directory.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PASSWORD = 'demo-atensi-2026';

export type Server = { url: string; stop: () => Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no free port')),
      );
    });
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory the server has migrated and seeded once, then shut down cleanly. */
    e2eTemplateDir: string;
  }
}

/**
 * Starts the server on `dataDir` (a fresh one when not given), or on a copy of `template` when given.
 * Without either it boots an empty database as `npm start` does on a new machine.
 */
export async function startServer(
  opts: { dataDir?: string; template?: string | null } = {},
): Promise<Server> {
  // WEB_DIST_DIR (as the server reads it) lets a private build be tested beside the shared one.
  const webDist = process.env.WEB_DIST_DIR || path.join(ROOT, 'apps/web/dist');
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`${webDist} is missing: run \`npm run build\` first (npm test does it).`);
  }
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'atensi-e2e-'));
  const template = opts.template === undefined ? templateDir() : opts.template;
  if (template) cpSync(template, dataDir, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      DATABASE_URL: '',
      ATENSI_DEMO_PEOPLE: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let up = false;
  for (let i = 0; i < 1500 && !up && child.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 100));
    up = (await fetch(`${url}/api/v1/health`).catch(() => null))?.status === 200;
  }
  if (!up) {
    child.kill('SIGKILL');
    throw new Error('the server did not become healthy');
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function templateDir(): string | null {
  try {
    return inject('e2eTemplateDir') || null;
  } catch {
    return null; // outside a vitest worker (the global setup itself)
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function signIn(page: Page, base: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel(/Nama pengguna|Username/).fill(username);
  await page.getByLabel(/^(Kata sandi|Password)/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
}

/**
 * Sign in through the API with the page's own cookie jar, then open the home page: where a test is about
 * something after sign-in, this skips the login page's load and form (the form itself is tested in
 * platform.e2e). The session cookie lands in the browser exactly as the form's request would set it.
 */
export async function signInThroughApi(page: Page, base: string, username: string, password = DEMO_PASSWORD) {
  const res = await page.context().request.post(`${base}/api/v1/auth/login`, {
    data: { username, password },
    headers: { origin: base },
  });
  if (res.status() !== 200) throw new Error(`sign-in as ${username}: ${res.status()} ${await res.text()}`);
  await page.goto(base);
}

/** Violations axe-core rates serious or critical on the current page. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Judge the page as a person sees it once it has settled: a dialog fading in is half transparent, and
  // its contrast would be measured mid-transition.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))));
  // Inject axe once per document: a page the app moved to by its own router still has it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type ApiAnswer = { status: number; body: Record<string, unknown> };

/**
 * Set-up through the API with a page's own session (same origin): `call` answers whatever the server
 * says; `ok` fails the test unless it is a success, and names the request and the answer when it does.
 */
export function pageApi(page: () => Page) {
  const call = async (method: Method, url: string, body?: object): Promise<ApiAnswer> =>
    (await page().evaluate(
      async ([m, u, b]) => {
        const r = await fetch(u, {
          method: m,
          headers: b ? { 'content-type': 'application/json' } : {},
          ...(b ? { body: JSON.stringify(b) } : {}),
        });
        return { status: r.status, body: await r.json().catch(() => null) };
      },
      [method, url, body] as const,
    )) as ApiAnswer;
  const ok = async (method: Method, url: string, body?: object) => {
    const res = await call(method, url, body);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return { call, ok };
}
