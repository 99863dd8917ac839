import { useSearchParams } from 'react-router';

/**
 * A paged list's filters kept in the address (so a link or a reload shows the same list). `update` sets or
 * clears (null) some of them; any change but the page itself (`dari`, the offset) returns to the first page
 * and adds a history entry only for paging. Synchronous, so controls bound to the address do not flick back
 * while the router updates.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const paging = 'dari' in changes;
    if (!paging) next.delete('dari');
    setParams(next, { replace: !paging, flushSync: true });
  };
  return [params, update] as const;
}
