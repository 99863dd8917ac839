import type {
  TAssessmentFormDef,
  TCase,
  TCaseWorkers,
  TCreateCaseRequest,
  TPerson,
  TReferenceData,
  TRole,
  ZCaseListResponse,
} from '@atensi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

// The contracts export no type for the list; derive it from the schema rather than copy it.
export type TCaseList = ReturnType<typeof ZCaseListResponse.parse>;

/** Roles that may change a case (mirrors CASE_WORKERS in the API's policy.ts); others only read. */
export const CASE_WORKER_ROLES: readonly TRole[] = ['kepala_upt', 'pekerja_sosial'];

export const caseKey = (id: string) => ['case', id] as const;

/** The active assessment form (domains, labels, scale): data, so it can change without a release. */
export function useAssessmentForm() {
  return useQuery({
    queryKey: ['cases', 'assessment-form'],
    queryFn: () => api<TAssessmentFormDef>('/cases/assessment-form'),
    staleTime: 60 * 60 * 1000,
  });
}

/** Social workers and the head of the actor's unit, who may carry a case. */
export function useCaseWorkers() {
  return useQuery({ queryKey: ['cases', 'workers'], queryFn: () => api<TCaseWorkers>('/cases/workers') });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => api<TCase>(`/cases/${id}`) });
}

/** A person's cases at the actor's unit (or every unit for headquarters). */
export function usePersonCases(personId: string, enabled = true) {
  return useQuery({
    queryKey: ['cases', 'person', personId],
    queryFn: () => api<TCaseList>('/cases', { query: { person: personId, limit: 50 } }),
    enabled: enabled && Boolean(personId),
  });
}

export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCaseRequest) => api<TCase>('/cases', { method: 'POST', body }),
    onSuccess: (c) => {
      queryClient.setQueryData(caseKey(c.id), c);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export type CaseAction = { path: string; method?: 'POST' | 'PUT'; body: object };

/**
 * Every change to a case answers with the whole case: one mutation shape for all of them. Each form holds
 * its own instance, so its error (409 CONFLICT, field errors) shows beside it.
 */
export function useCaseAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, method = 'POST', body }: CaseAction) =>
      api<TCase>(`/cases/${id}${path}`, { method, body }),
    onSuccess: (c) => {
      queryClient.setQueryData(caseKey(id), c);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export function usePersonName(id: string) {
  return useQuery({
    queryKey: ['person', id],
    queryFn: () => api<TPerson>(`/people/${id}`),
    enabled: Boolean(id),
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
