import type { TOutcomesQuery, TOutcomesResponse, TReferenceData, TUnitSummary } from '@atensi/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export type OutcomeFilters = Pick<
  TOutcomesQuery,
  'unit' | 'cluster' | 'approach' | 'from' | 'to' | 'groupBy'
>;

/** Only the filters that are set, as query parameters. */
export function toQuery(f: OutcomeFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<
    string,
    string
  >;
}

export function useOutcomes(f: OutcomeFilters) {
  return useQuery({
    queryKey: ['outcomes', toQuery(f)],
    queryFn: () => api<TOutcomesResponse>('/outcomes', { query: toQuery(f) }),
    placeholderData: keepPreviousData,
  });
}

/** The export answers a file: a plain link downloads it with the session cookie. */
export function exportHref(f: OutcomeFilters, lang: string): string {
  return `/api/v1/outcomes/export.xlsx?${new URLSearchParams({ ...toQuery(f), lang: lang === 'en' ? 'en' : 'id' })}`;
}

/** Active units, for headquarters' unit filter (same cache as the other pages' unit pickers). */
export function useUnitOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['units', 'all'],
    queryFn: () => api<{ items: TUnitSummary[]; total: number }>('/units', { query: { limit: 200 } }),
    staleTime: 60_000,
    enabled,
  });
}

/** Same cache key as the other pages that read reference data. */
export function useReference() {
  return useQuery({
    queryKey: ['reference'],
    queryFn: () => api<TReferenceData>('/reference'),
    staleTime: 10 * 60_000,
  });
}
