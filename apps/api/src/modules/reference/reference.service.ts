import type {
  TArea,
  TAreaDetail,
  TAreaLevel,
  TAreaSearchQuery,
  TAreaSearchResponse,
} from '@atensi/contracts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { searchAreaName } from './area-names.ts';
import {
  type AreaRow,
  countChildren,
  findAreasByCodes,
  findChildren,
  LEVELS_IN_ORDER,
  searchFuzzy,
  searchLevel,
} from './reference.repository.ts';

const CODE_PREFIX = /^\d{2}(\.\d{0,4})*$/;

function toArea(r: AreaRow): TArea {
  return { code: r.code, level: r.level as TAreaLevel, name: r.name, parentCode: r.parentCode, path: r.path };
}

/**
 * Search areas by name or code prefix; without text or level, browse the children of `parent`.
 * Names are matched by prefix first, level by level (provinces before villages), each an index range scan
 * that stops when the page is full: what a picker needs on every keystroke. Only when no name starts with
 * the text does the slower trigram search look inside names and tolerate typos ("wonosrai" → Wonosari).
 */
export async function findAreas(ctx: Ctx, q: TAreaSearchQuery): Promise<TAreaSearchResponse> {
  const text = q.q?.trim() ?? '';
  if (!text && !q.level && q.parent)
    return { items: (await findChildren(ctx.db, q.parent, q.limit)).map(toArea) };
  const isCode = CODE_PREFIX.test(text);
  const name = !isCode && text ? searchAreaName(text) || null : null;
  const filter = { codePrefix: isCode ? text : null, parent: q.parent ?? null };
  const rows: AreaRow[] = [];
  for (const level of q.level ? [q.level] : LEVELS_IN_ORDER) {
    if (rows.length >= q.limit) break;
    rows.push(...(await searchLevel(ctx.db, level, name, filter, q.limit - rows.length)));
  }
  if (rows.length === 0 && name && name.length >= 3 && name.length <= 40) {
    rows.push(...(await searchFuzzy(ctx.db, name, q.level ?? null, filter, q.limit)));
  }
  return { items: rows.map(toArea) };
}

/** One area with its parents, province first. */
export async function getArea(ctx: Ctx, code: string): Promise<TAreaDetail> {
  const parts = code.split('.');
  const chain = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
  const rows = await findAreasByCodes(ctx.db, chain);
  const self = rows.find((r) => r.code === code);
  if (!self) throw new AppError('NOT_FOUND');
  const parents = chain
    .slice(0, -1)
    .map((c) => rows.find((r) => r.code === c))
    .filter((r): r is AreaRow => Boolean(r))
    .map(toArea);
  return { ...toArea(self), parents, childCount: await countChildren(ctx.db, code) };
}
