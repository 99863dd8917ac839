import type {
  TDuplicateQueueResponse,
  TMarkDistinctRequest,
  TMarkDistinctResponse,
  TMergePeopleRequest,
  TPersonMerge,
  TPersonMergeList,
  TRole,
} from '@atensi/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

/** Roles that may review duplicates, merge and undo (mirrors PEOPLE_MERGERS in the API's policy.ts). */
export const MERGE_ROLES: readonly TRole[] = ['operator_pusat', 'kepala_upt'];
const QUEUE_PAGE = 20;

/** The queue, page by page: each page checks the next stretch of the registry, newest records first. */
export function useDuplicateQueue(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['people', 'duplicate-queue'],
    queryFn: ({ pageParam }) =>
      api<TDuplicateQueueResponse>('/people/duplicate-queue', {
        query: { limit: QUEUE_PAGE, cursor: pageParam ?? undefined },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useRecentMerges(enabled: boolean) {
  return useQuery({
    queryKey: ['people', 'merges'],
    queryFn: () => api<TPersonMergeList>('/people/merges', { query: { limit: 20 } }),
    enabled,
  });
}

export function usePersonMerges(personId: string) {
  return useQuery({
    queryKey: ['person', personId, 'merges'],
    queryFn: () => api<TPersonMergeList>(`/people/${personId}/merges`),
  });
}

/** After any merge decision the queue, the lists and both records may have changed. */
function useRefreshPeople() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['people'] });
    void queryClient.invalidateQueries({ queryKey: ['person'] });
  };
}

export function useMergePeople() {
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: (body: TMergePeopleRequest) => api<TPersonMerge>('/people/merge', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUndoMerge() {
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: (mergeId: string) => api<TPersonMerge>(`/people/merges/${mergeId}/undo`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useMarkDistinct() {
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: (body: TMarkDistinctRequest) =>
      api<TMarkDistinctResponse>('/people/distinct', { method: 'POST', body }),
    onSuccess: refresh,
  });
}
