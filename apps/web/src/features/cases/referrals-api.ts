import type {
  TCaseStage,
  TCaseSummary,
  TCreateReferralRequest,
  TNearestResponse,
  TPerson,
  TReferenceData,
  TReferral,
  TRole,
  TServiceMode,
  ZAcceptReferralRequest,
  ZDeclineReferralRequest,
  ZReferralOutcomeRequest,
} from '@atensi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

// Queries and mutations for the caseload and the referral inbox/outbox (issue 5).

// The contracts export no types for these bodies; derive them from the schemas rather than copy them.
export type TAcceptReferralRequest = ReturnType<typeof ZAcceptReferralRequest.parse>;
export type TDeclineReferralRequest = ReturnType<typeof ZDeclineReferralRequest.parse>;
export type TReferralOutcomeRequest = ReturnType<typeof ZReferralOutcomeRequest.parse>;
type TCaseListResponse = { items: TCaseSummary[]; total: number };
type TReferralListResponse = { items: TReferral[]; total: number };

/** Roles that may refer, accept, decline and cancel (mirrors CASE_WORKERS in the API's policy.ts). */
export const CASE_WORKER_ROLES: readonly TRole[] = ['kepala_upt', 'pekerja_sosial'];
export const CASE_PAGE = 20;
export const REFERRAL_PAGE = 20;

export type CaseFilters = { mine: boolean; stage: TCaseStage | null; offset: number; limit?: number };

/** Open cases: the worker's own (`mine`) or the unit's (all for headquarters); overdue work first. */
export function useCaseload(f: CaseFilters, enabled = true) {
  return useQuery({
    queryKey: ['cases', 'list', f],
    queryFn: () =>
      api<TCaseListResponse>('/cases', {
        query: {
          open: 'true',
          worker: f.mine ? 'me' : undefined,
          stage: f.stage ?? undefined,
          limit: f.limit ?? CASE_PAGE,
          offset: f.offset,
        },
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type ReferralFilters = { box: 'in' | 'out' | 'all'; overdue: boolean; offset: number };

export function useReferrals(f: ReferralFilters) {
  return useQuery({
    queryKey: ['referrals', 'list', f],
    queryFn: () =>
      api<TReferralListResponse>('/referrals', {
        query: {
          box: f.box,
          overdue: f.overdue ? 'true' : undefined,
          limit: REFERRAL_PAGE,
          offset: f.offset,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

/** How many referrals wait for an answer (for the home page). */
export function useWaitingReferrals(box: 'in' | 'all', enabled: boolean) {
  return useQuery({
    queryKey: ['referrals', 'waiting', box],
    queryFn: () => api<TReferralListResponse>('/referrals', { query: { box, status: 'sent', limit: 1 } }),
    enabled,
  });
}

/** How many referrals passed their acceptance deadline unanswered: the unit's, both sides, or all (HQ). */
export function useOverdueReferrals(enabled: boolean) {
  return useQuery({
    queryKey: ['referrals', 'overdue-count'],
    queryFn: () =>
      api<TReferralListResponse>('/referrals', { query: { box: 'all', overdue: 'true', limit: 1 } }),
    enabled,
  });
}

/** Clusters, services and programmes (same cache as the other pages that read reference data). */
export function useReference() {
  return useQuery({
    queryKey: ['reference'],
    queryFn: () => api<TReferenceData>('/reference'),
    staleTime: 10 * 60_000,
  });
}

/** The person of a case, for their area (where the nearest unit is measured from). */
export function useCasePerson(personId: string | null) {
  return useQuery({
    queryKey: ['person', personId],
    queryFn: () => api<TPerson>(`/people/${personId}`),
    enabled: Boolean(personId),
  });
}

export function useNearestUnits(q: { cluster: string; mode: TServiceMode; area: string } | null) {
  return useQuery({
    queryKey: ['units', 'nearest', q],
    queryFn: () => api<TNearestResponse>('/units/nearest', { query: { ...q, limit: 5 } }),
    enabled: q !== null,
    staleTime: 60_000,
  });
}

function useReferralMutation<B>(path: (id: string) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) => api<TReferral>(path(id), { method: 'POST', body }),
    onSettled: () => {
      // Lists, counts and caseloads change (an acceptance opens a case): reload them.
      void queryClient.invalidateQueries({ queryKey: ['referrals'] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export const useAcceptReferral = () =>
  useReferralMutation<TAcceptReferralRequest>((id) => `/referrals/${id}/accept`);
export const useDeclineReferral = () =>
  useReferralMutation<TDeclineReferralRequest>((id) => `/referrals/${id}/decline`);
export const useCancelReferral = () =>
  useReferralMutation<TDeclineReferralRequest>((id) => `/referrals/${id}/cancel`);
export const useReferralOutcome = () =>
  useReferralMutation<TReferralOutcomeRequest>((id) => `/referrals/${id}/outcome`);

export function useCreateReferral() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateReferralRequest) => api<TReferral>('/referrals', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['referrals'] });
      void queryClient.invalidateQueries({ queryKey: ['case'] });
    },
  });
}
