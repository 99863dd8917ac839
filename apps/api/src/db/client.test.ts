import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from './client.ts';

// The embedded database with a data directory on disk, as `npm start` and the browser tests open it.
//
// PGlite 0.5.16 used to instantiate the pg_trgm and pgcrypto libraries in the background at start; when
// pgcrypto's was set up in the middle of pg_trgm's, pg_trgm was left half loaded and the `%` operator behind
// the duplicate check jumped through a null pointer: queries quietly returned no rows, and the server later
// PANICked ("ERRORDATA_STACK_SIZE exceeded"). It depended on which compile finished first, so the test forces
// that unlucky order instead of hoping for it: pgcrypto's library is instantiated first and holds on for a
// moment while pg_trgm's is allowed to finish.
type Instantiate = (bytes: unknown, imports?: object) => Promise<unknown>;
// The project's type settings have no DOM library, so WebAssembly is described here as far as used.
const wasm = (
  globalThis as unknown as { WebAssembly: { instantiate: Instantiate; Module: new () => object } }
).WebAssembly;
const realInstantiate = wasm.instantiate;
let dataDir = '';

function contains(bytes: unknown, text: string): boolean {
  if (bytes instanceof wasm.Module) return false;
  const view = ArrayBuffer.isView(bytes)
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : Buffer.from(bytes as ArrayBuffer);
  return view.includes(text);
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'atensi-client-'));
  let pgcryptoStarted: () => void = () => {};
  const pgcryptoStartedPromise = new Promise<void>((resolve) => {
    pgcryptoStarted = resolve;
  });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const real: Instantiate = (bytes, imports) => realInstantiate.call(wasm, bytes, imports);
  wasm.instantiate = async (bytes, imports) => {
    if (contains(bytes, 'gin_trgm_consistent')) {
      // pg_trgm: wait until pgcrypto's library has read its imports (or give up after a while).
      await Promise.race([pgcryptoStartedPromise, sleep(3000)]);
      return real(bytes, imports);
    }
    if (contains(bytes, 'pgp_sym_encrypt')) {
      const result = await real(bytes, imports);
      pgcryptoStarted();
      await sleep(300);
      return result;
    }
    return real(bytes, imports);
  };
});

afterAll(() => {
  wasm.instantiate = realInstantiate;
  rmSync(dataDir, { recursive: true, force: true });
});

type Row = { matches: boolean; similarity: number; digest: string };
const probe = sql`select 'budi santoso' % 'budi santosa' as matches,
  similarity('budi santoso', 'budi santosa') as similarity,
  encode(digest('atensi', 'sha256'), 'hex') as digest`;
const expected = {
  matches: true,
  similarity: expect.closeTo(0.733, 3),
  digest: createHash('sha256').update('atensi').digest('hex'),
};

describe('embedded database on disk', () => {
  it('finds trigram lookalikes even when the extension libraries finish loading in the unlucky order', async () => {
    const database = await openDatabase({ dataDir });
    try {
      await database.db.execute(sql`create extension if not exists pg_trgm`);
      await database.db.execute(sql`create extension if not exists pgcrypto`);
      // As a request runs it: in a transaction, as a role without superuser rights.
      await database.db.execute(sql`create role atensi_client_test nologin`);
      const rows = await database.db.transaction(async (tx) => {
        await tx.execute(sql`set local role atensi_client_test`);
        return queryRows<Row>(tx, probe);
      });
      expect(rows).toEqual([expected]);
      // The instance is still sound afterwards.
      expect(await queryRows<{ n: number }>(database.db, sql`select 1 + 1 as n`)).toEqual([{ n: 2 }]);
    } finally {
      await database.close();
    }
  });

  it('still finds them after the server restarts on the same data directory', async () => {
    const database = await openDatabase({ dataDir });
    try {
      expect(await queryRows<Row>(database.db, probe)).toEqual([expected]);
    } finally {
      await database.close();
    }
  });
});
