import type {
  TCluster,
  TPpksCategory,
  TProgramme,
  TReferenceData,
  TServiceComponent,
} from '@atensi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

/** The kinds an admin edits; each is one PUT route under /reference. */
export type EditableKind = 'clusters' | 'ppks' | 'services' | 'programmes';
export type ReferenceRow = {
  clusters: TCluster;
  ppks: TPpksCategory;
  services: TServiceComponent;
  programmes: TProgramme;
};

/**
 * The same query (and cache) the unit pages use for their pickers, so an edit here shows there at once.
 * Not kept fresh for long on this page: an admin wants to see others' edits when they come back.
 */
export function useReferenceData() {
  return useQuery({
    queryKey: ['reference'],
    queryFn: () => api<TReferenceData>('/reference'),
    staleTime: 30_000,
  });
}

/** Add (no version) or edit (with the version read) one record. */
export function useSaveReference(kind: EditableKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: object }) =>
      api<ReferenceRow[EditableKind]>(`/reference/${kind}/${encodeURIComponent(code)}`, {
        method: 'PUT',
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reference'] }),
  });
}
