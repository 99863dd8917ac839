import type {
  TCandidates,
  TCertificateCheck,
  TCohort,
  TCohortList,
  TCourse,
  TCourseList,
  TCreateCohortRequest,
  TCreateCourseRequest,
  TRole,
  TUpdateCourseRequest,
} from '@atensi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

/** Roles that run cohorts (mirrors the training section of the API's policy.ts); others only read. */
export const COHORT_WORKER_ROLES: readonly TRole[] = ['kepala_upt', 'pekerja_sosial'];
/** Roles that edit the catalogue. */
export const CATALOGUE_EDITOR_ROLES: readonly TRole[] = ['admin', 'operator_pusat'];
/** Roles that see cohorts. */
export const COHORT_READER_ROLES: readonly TRole[] = [
  'admin',
  'operator_pusat',
  'kepala_upt',
  'pekerja_sosial',
  'petugas_ska',
];
export const COHORT_PAGE = 20;

export function useCourses() {
  return useQuery({
    queryKey: ['training', 'courses'],
    queryFn: () => api<TCourseList>('/training/courses'),
  });
}

export function useSaveCourse(existing: TCourse | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCourseRequest) => {
      if (!existing) return api<TCourse>('/training/courses', { method: 'POST', body });
      const { code: _code, ...rest } = body;
      const update: TUpdateCourseRequest = { ...rest, version: existing.version };
      return api<TCourse>(`/training/courses/${encodeURIComponent(existing.code)}`, {
        method: 'PUT',
        body: update,
      });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['training', 'courses'] }),
  });
}

export function useCohorts(q: string, limit: number, enabled = true) {
  return useQuery({
    queryKey: ['training', 'cohorts', q, limit],
    queryFn: () => api<TCohortList>('/training/cohorts', { query: { q, limit } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const cohortKey = (id: string) => ['training', 'cohort', id] as const;

export function useCohort(id: string) {
  return useQuery({ queryKey: cohortKey(id), queryFn: () => api<TCohort>(`/training/cohorts/${id}`) });
}

export function useCreateCohort() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCohortRequest) => api<TCohort>('/training/cohorts', { method: 'POST', body }),
    onSuccess: (c) => {
      queryClient.setQueryData(cohortKey(c.id), c);
      void queryClient.invalidateQueries({ queryKey: ['training', 'cohorts'] });
    },
  });
}

export function useCandidates(cohortId: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['training', 'candidates', cohortId, q],
    queryFn: () => api<TCandidates>(`/training/cohorts/${cohortId}/candidates`, { query: { q } }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export type CohortAction = { path: string; method?: 'POST' | 'PUT'; body: object };

/** Every change to a cohort answers with the whole cohort: one mutation shape for all of them. */
export function useCohortAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, method = 'POST', body }: CohortAction) =>
      api<TCohort>(`/training/cohorts/${id}${path}`, { method, body }),
    onSuccess: (c) => {
      queryClient.setQueryData(cohortKey(id), c);
      void queryClient.invalidateQueries({ queryKey: ['training', 'cohorts'] });
      void queryClient.invalidateQueries({ queryKey: ['training', 'candidates', id] });
      void queryClient.invalidateQueries({ queryKey: ['training', 'courses'] });
    },
  });
}

export function useCertificateCheck(code: string) {
  return useQuery({
    queryKey: ['training', 'certificate', code],
    queryFn: () => api<TCertificateCheck>(`/training/certificates/${encodeURIComponent(code)}`),
    enabled: code.length > 0,
  });
}

export const certificateUrl = (cohortId: string, enrolmentId: string) =>
  `/api/v1/training/cohorts/${cohortId}/enrolments/${enrolmentId}/certificate.pdf`;
