import type {
  TAreaSearchResponse,
  TCreatePersonRequest,
  TDuplicateCheckRequest,
  TDuplicateCheckResponse,
  TPerson,
  TPersonListQuery,
  TPersonListResponse,
  TPersonSensitiveResponse,
  TReferenceData,
  TRole,
  TUnitSummary,
  TUpdatePersonRequest,
  ZPutPersonSensitiveRequest,
} from '@atensi/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

// The contracts export no type for this body; derive it from the schema rather than copy it.
export type TPutSensitiveRequest = ReturnType<typeof ZPutPersonSensitiveRequest.parse>;
export type PeopleFilters = Omit<TPersonListQuery, 'limit' | 'cursor'>;

/** Roles that may register and edit people (mirrors PEOPLE_WRITERS in the API's policy.ts). */
export const PEOPLE_WRITER_ROLES: readonly TRole[] = [
  'operator_pusat',
  'kepala_upt',
  'pekerja_sosial',
  'petugas_ska',
];
export const PAGE_SIZE = 25;

/** Search with keyset paging: each "load more" appends the next page. */
export function usePeopleSearch(filters: PeopleFilters) {
  return useInfiniteQuery({
    queryKey: ['people', 'search', filters],
    queryFn: ({ pageParam }) =>
      api<TPersonListResponse>('/people', {
        query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string, enabled = true) {
  return useQuery({ queryKey: ['person', id], queryFn: () => api<TPerson>(`/people/${id}`), enabled });
}

export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreatePersonRequest) => api<TPerson>('/people', { method: 'POST', body }),
    onSuccess: (p) => {
      queryClient.setQueryData(['person', p.id], p);
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
}

export function useUpdatePerson(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdatePersonRequest) => api<TPerson>(`/people/${id}`, { method: 'PATCH', body }),
    onSuccess: (p) => {
      queryClient.setQueryData(['person', id], p);
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
}

export function useDuplicateCheck() {
  return useMutation({
    mutationFn: (body: TDuplicateCheckRequest) =>
      api<TDuplicateCheckResponse>('/people/duplicates', { method: 'POST', body }),
  });
}

/** Specific data: loaded only when the user asks (each read is audited). */
export function useSensitive(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['person', id, 'sensitive'],
    queryFn: () => api<TPersonSensitiveResponse>(`/people/${id}/sensitive`),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function usePutSensitive(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TPutSensitiveRequest) =>
      api<TPersonSensitiveResponse>(`/people/${id}/sensitive`, { method: 'PUT', body }),
    onSuccess: (s) => queryClient.setQueryData(['person', id, 'sensitive'], s),
  });
}

/** Clusters and PPKS categories (same cache as the other pages that read reference data). */
export function useReferenceData() {
  return useQuery({
    queryKey: ['reference'],
    queryFn: () => api<TReferenceData>('/reference'),
    staleTime: 10 * 60_000,
  });
}

/** Known province codes, for the NIK's first two digits. */
export function useProvinceCodes() {
  return useQuery({
    queryKey: ['areas', 'provinces'],
    queryFn: () => api<TAreaSearchResponse>('/areas', { query: { level: 'province', limit: 100 } }),
    staleTime: 60 * 60_000,
    select: (r) => new Set(r.items.map((a) => a.code)),
  });
}

/** Active units, for headquarters' unit filter and registering unit (about 40). */
export function useUnitOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['units', 'all'],
    queryFn: () => api<{ items: TUnitSummary[]; total: number }>('/units', { query: { limit: 200 } }),
    staleTime: 60_000,
    enabled,
  });
}

/** Registered people matching a name, for linking a relative. */
export function usePersonLookup(q: string) {
  return useQuery({
    queryKey: ['people', 'lookup', q],
    queryFn: () => api<TPersonListResponse>('/people', { query: { q, limit: 8 } }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
}
