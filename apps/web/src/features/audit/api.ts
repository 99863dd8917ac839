import type { TAuditSearchQuery, TAuditSearchResponse } from '@atensi/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export type AuditFilters = Omit<TAuditSearchQuery, 'limit' | 'cursor'>;

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit-events', filters],
    queryFn: ({ pageParam }) =>
      api<TAuditSearchResponse>('/audit-events', {
        query: { ...filters, limit: 50, cursor: pageParam ?? undefined },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
