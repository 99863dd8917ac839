import type {
  TAreaSearchResponse,
  TReferenceData,
  TUnit,
  TUnitListQuery,
  TUnitMatrix,
  TUnitSummary,
  TUpdateUnitRequest,
} from '@atensi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

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
