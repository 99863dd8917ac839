// The PGlite template every API test file starts from: a data-directory dump made once by global-setup.ts.
// Loading it is most of a test file's set-up, so it is kept small and read without copies.
import type { PGlite } from '@electric-sql/pglite';

const TAR_BLOCK = 512;
const WAL_SEGMENT = /(^|\/)pg_wal\/[0-9A-F]{24}$/;

/**
 * Dump the data directory after a checkpoint, without the WAL segments PostgreSQL keeps ready for later.
 * After seeding, the dump held 7 segments of 16 MB (113 MB of 191 MB) that the database does not need to
 * start: a checkpoint makes the lowest-numbered segment the one holding the redo point, and the higher
 * ones are old segments recycled under future names. PostgreSQL creates segments as it needs them.
 */
export async function dumpTemplate(pglite: PGlite): Promise<Uint8Array> {
  await pglite.exec('checkpoint');
  const dump = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
  return withoutSpareWalSegments(dump);
}

/** Drop every WAL segment but the lowest-numbered from an uncompressed (ustar) tar. */
export function withoutSpareWalSegments(tar: Uint8Array): Uint8Array {
  const entries: { name: string; start: number; end: number }[] = [];
  let offset = 0;
  while (offset + TAR_BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + TAR_BLOCK);
    if (header.every((b) => b === 0)) break; // end of archive
    const field = (from: number, length: number) =>
      Buffer.from(header.subarray(from, from + length))
        .toString('latin1')
        .replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const end = offset + TAR_BLOCK + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
    if (Number.isNaN(size) || end > tar.length) throw new Error(`unreadable tar entry at byte ${offset}`);
    entries.push({ name, start: offset, end });
    offset = end;
  }
  const segments = entries.filter((e) => WAL_SEGMENT.test(e.name)).map((e) => e.name);
  if (segments.length === 0) throw new Error('the template dump has no WAL segment');
  // Segment names are fixed-width hex, so the lowest sorts first.
  const current = segments.reduce((a, b) => (baseName(b) < baseName(a) ? b : a));
  const kept = entries.filter((e) => !WAL_SEGMENT.test(e.name) || e.name === current);
  const parts = [...kept.map((e) => tar.subarray(e.start, e.end)), tar.subarray(offset)];
  return Buffer.concat(parts);
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * A Blob over bytes already in memory. PGlite reads the dump with `arrayBuffer()`; on Node 20 a `Blob`
 * built from a Buffer copies it in and streams it back out in small chunks (about 2 s for the template).
 */
export class BytesBlob extends Blob {
  readonly #bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    super([], { type: 'application/x-tar' });
    this.#bytes = bytes;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.#bytes;
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
}
