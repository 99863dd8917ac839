// Document bytes on disk, outside the web root: <DATA_DIR>/files/<first 2 hex of sha256>/<uuid>.
// The database row holds the key; only the authorised route reads a file back. Object storage (S3)
// can replace this file later behind the same three functions.
import { createHash, randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type FileStore = {
  /** Write the bytes; returns the key to keep in person_document and the content's SHA-256. */
  put(bytes: Buffer): Promise<{ key: string; sha256: string }>;
  /** Open for reading; a missing file throws here (a 500), not halfway through a response. */
  open(key: string): Promise<ReadStream>;
  remove(key: string): Promise<void>;
};

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

export function fileStore(dataDir: string): FileStore {
  const root = path.join(dataDir, 'files');
  const resolve = (key: string) => {
    // Keys come from our own rows, but never let one point outside the store.
    if (!KEY.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(root, key);
  };
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const key = `${sha256.slice(0, 2)}/${randomUUID()}`;
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Write aside, then rename: a reader never sees half a file.
      const tmp = `${target}.part`;
      await writeFile(tmp, bytes, { mode: 0o600, flag: 'wx' });
      await rename(tmp, target);
      return { key, sha256 };
    },
    async open(key) {
      const handle = await open(resolve(key), 'r');
      return handle.createReadStream();
    },
    async remove(key) {
      await rm(resolve(key), { force: true });
    },
  };
}
