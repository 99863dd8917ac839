// Regional minimum wages (UMP per province, UMK per regency) per year: reference data everyone reads and
// admin edits; and the wage that applies to a person at a date (never guessed when missing).
import {
  type TMinimumWage,
  type TMinimumWageList,
  type TMinimumWageLookup,
  type TPutMinimumWageRequest,
  ZMinimumWageLookupQuery,
  ZMinimumWageQuery,
  ZPutMinimumWageRequest,
} from '@atensi/contracts';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { todayWib } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { listProvinceWages, pickWage } from './followup.repository.ts';
import { personOr404 } from './roadmap.service.ts';

type WageListRow = {
  id: string;
  province_code: string;
  province_name: string | null;
  regency_code: string | null;
  regency_name: string | null;
  year: number;
  amount_rupiah: string;
  source: string | null;
  version: number;
  updated_at: Date | string;
};

function toWage(r: WageListRow): TMinimumWage {
  return {
    id: r.id,
    provinceCode: r.province_code,
    provinceName: r.province_name,
    regencyCode: r.regency_code,
    regencyName: r.regency_name,
    kind: r.regency_code ? 'UMK' : 'UMP',
    year: r.year,
    amountRupiah: Number(r.amount_rupiah),
    source: r.source,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

const WAGE_SELECT = sql`select w.id, w.province_code, pa.name as province_name, w.regency_code,
    ra.name as regency_name, w.year, w.amount_rupiah, w.source, w.version, w.updated_at
  from minimum_wage w
  left join area pa on pa.code = w.province_code
  left join area ra on ra.code = w.regency_code`;

export async function listMinimumWages(
  ctx: Ctx,
  input: z.input<typeof ZMinimumWageQuery>,
): Promise<TMinimumWageList> {
  const q = ZMinimumWageQuery.parse(input);
  const rows = await queryRows<WageListRow>(
    ctx.db,
    sql`${WAGE_SELECT} where ${q.year ? sql`w.year = ${q.year}` : sql`true`}
          and ${q.province ? sql`w.province_code = ${q.province}` : sql`true`}
        order by w.year desc, w.province_code, w.regency_code nulls first`,
  );
  return { items: rows.map(toWage) };
}

/** Add or change one wage (admin). Version 0 adds; otherwise the version read (409 when changed since). */
export async function putMinimumWage(ctx: Ctx, input: TPutMinimumWageRequest): Promise<TMinimumWage> {
  const f = ZPutMinimumWageRequest.parse(input);
  const areas = await queryRows<{ code: string; province_code: string }>(
    ctx.db,
    sql`select code, province_code from area where code in (${f.provinceCode}, ${f.regencyCode ?? f.provinceCode})`,
  );
  const provinceOk = areas.some((a) => a.code === f.provinceCode);
  const regencyOk =
    f.regencyCode === null ||
    areas.some((a) => a.code === f.regencyCode && a.province_code === f.provinceCode);
  if (!provinceOk || !regencyOk)
    throw new AppError('MINIMUM_WAGE_AREA_UNKNOWN', {
      details: [
        {
          field: provinceOk ? 'regencyCode' : 'provinceCode',
          issue: 'unknown_area',
          message: provinceOk ? 'regencyCode' : 'provinceCode',
        },
      ],
    });
  const cur = (
    await queryRows<{ id: string; version: number }>(
      ctx.db,
      sql`select id, version from minimum_wage where province_code = ${f.provinceCode}
          and coalesce(regency_code, '') = ${f.regencyCode ?? ''} and year = ${f.year} for update`,
    )
  )[0];
  if ((cur?.version ?? 0) !== f.version) throw new AppError('CONFLICT');
  const id = cur
    ? (
        await queryRows<{ id: string }>(
          ctx.db,
          sql`update minimum_wage set amount_rupiah = ${f.amountRupiah}, source = ${f.source},
                updated_by = ${ctx.actor.userId}::uuid, version = version + 1, updated_at = now()
              where id = ${cur.id}::uuid returning id`,
        )
      )[0]?.id
    : (
        await queryRows<{ id: string }>(
          ctx.db,
          sql`insert into minimum_wage (province_code, regency_code, year, amount_rupiah, source, updated_by)
              values (${f.provinceCode}, ${f.regencyCode}, ${f.year}, ${f.amountRupiah}, ${f.source},
                      ${ctx.actor.userId}::uuid) returning id`,
        )
      )[0]?.id;
  const row = (await queryRows<WageListRow>(ctx.db, sql`${WAGE_SELECT} where w.id = ${id ?? null}::uuid`))[0];
  if (!row) throw new AppError('NOT_FOUND');
  return toWage(row);
}

/** The wage that applies to a person at a date: the regency's UMK when set, else the UMP; else none. */
export async function lookupMinimumWage(
  ctx: Ctx,
  input: z.input<typeof ZMinimumWageLookupQuery>,
): Promise<TMinimumWageLookup> {
  const q = ZMinimumWageLookupQuery.parse(input);
  const person = await personOr404(ctx, q.person);
  const year = Number((q.date ?? todayWib()).slice(0, 4));
  const empty = { kind: null, amountRupiah: null, year };
  if (!person.province_code) return { status: 'no_area', provinceCode: null, regencyCode: null, ...empty };
  const wage = pickWage(await listProvinceWages(ctx.db, person.province_code), person.regency_code, year);
  const where = { provinceCode: person.province_code, regencyCode: person.regency_code };
  return wage
    ? { status: 'found', ...where, year, kind: wage.kind, amountRupiah: wage.amount }
    : { status: 'no_wage', ...where, ...empty };
}
