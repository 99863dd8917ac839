import type {
  TAreaSearchResponse,
  TCreateUnitRequest,
  TMergeUnitRequest,
  TNearestQuery,
  TNearestResponse,
  TReferenceData,
  TUnit,
  TUnitListQuery,
  TUnitMatrix,
  TUnitSummary,
  TUpdateUnitRequest,
  ZArchiveUnitRequest,
} from '@atensi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api-client.ts';

// The contracts export no type for this body; derive it from the schema rather than copy it.
type TArchiveUnitRequest = ReturnType<typeof ZArchiveUnitRequest.parse>;

export type UnitFilters = Partial<Pick<TUnitListQuery, 'q' | 'province' | 'cluster'>> & { offset: number };
export const PAGE = 20;

export function useUnits(f: UnitFilters) {
  return useQuery({
    queryKey: ['units', f],
    queryFn: () => api<{ items: TUnitSummary[]; total: number }>('/units', { query: { ...f, limit: PAGE } }),
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: string) {
  return useQuery({ queryKey: ['unit', id], queryFn: () => api<TUnit>(`/units/${id}`) });
}

export function useUpdateUnit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateUnitRequest) => api<TUnit>(`/units/${id}`, { method: 'PATCH', body }),
    onSuccess: (unit) => {
      queryClient.setQueryData(['unit', id], unit);
      void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
  });
}

export function useMatrix() {
  return useQuery({ queryKey: ['units', 'matrix'], queryFn: () => api<TUnitMatrix>('/units/matrix') });
}

/** Clusters, PPKS, services, programmes: small and stable, loaded once. */
export function useReference() {
  return useQuery({
    queryKey: ['reference'],
    queryFn: () => api<TReferenceData>('/reference'),
    staleTime: 10 * 60_000,
  });
}

export function useProvinces() {
  return useQuery({
    queryKey: ['areas', 'provinces'],
    queryFn: () => api<TAreaSearchResponse>('/areas', { query: { level: 'province', limit: 100 } }),
    staleTime: 60 * 60_000,
  });
}

/** Every active unit, for pickers (merge target); the list is small (about 40). */
export function useAllUnits() {
  return useQuery({
    queryKey: ['units', 'all'],
    queryFn: () => api<{ items: TUnitSummary[]; total: number }>('/units', { query: { limit: 200 } }),
    staleTime: 60_000,
  });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateUnitRequest) => api<TUnit>('/units', { method: 'POST', body }),
    onSuccess: (unit) => {
      queryClient.setQueryData(['unit', unit.id], unit);
      void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
  });
}

/** Archive or merge: both end the unit's active life, so both refresh the lists and the matrix. */
export function useRetireUnit(id: string, action: 'archive' | 'merge') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TArchiveUnitRequest | TMergeUnitRequest) =>
      api<TUnit>(`/units/${id}/${action}`, { method: 'POST', body }),
    onSuccess: (unit) => {
      queryClient.setQueryData(['unit', id], unit);
      void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        void queryClient.invalidateQueries({ queryKey: ['unit', id] });
      }
    },
  });
}

export type NearestParams = Pick<TNearestQuery, 'cluster' | 'mode'> &
  ({ area: string } | { lat: number; lon: number });

export function useNearest(params: NearestParams | null) {
  return useQuery({
    queryKey: ['units', 'nearest', params],
    queryFn: () => api<TNearestResponse>('/units/nearest', { query: { ...params, limit: 10 } }),
    enabled: params !== null,
  });
}
