import type {
  TError,
  TImportJob,
  TImportJobList,
  TImportPreview,
  TPutImportMappingRequest,
} from '@atensi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api-client.ts';
import { i18n } from '../../app/i18n/index.ts';
import type { PeopleFilters } from './api.ts';

/** The API's upload limit, checked before sending so a big file fails at once. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export function useImportJobs() {
  return useQuery({ queryKey: ['imports'], queryFn: () => api<TImportJobList>('/people/imports') });
}

/** One job; polled every second while it runs so the progress bar moves. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: () => api<TImportJob>(`/people/imports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
}

/** Multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function uploadImport(
  file: File,
  unitId: string | null,
  onProgress: (percent: number) => void,
): Promise<TImportJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/people/imports${unitId ? `?unitId=${encodeURIComponent(unitId)}` : ''}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', i18n.language);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 201) resolve(body as TImportJob);
      else reject(new ApiError(xhr.status, (body ?? {}) as Partial<TError>, i18n.t('error.unknown')));
    };
    xhr.onerror = () => reject(new ApiError(0, {}, i18n.t('error.network')));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; unitId: string | null; onProgress: (p: number) => void }) =>
      uploadImport(v.file, v.unitId, v.onProgress),
    onSuccess: (job) => {
      queryClient.setQueryData(['imports', job.id], job);
      void queryClient.invalidateQueries({ queryKey: ['imports'], exact: true });
    },
  });
}

export function useSaveMapping(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TPutImportMappingRequest) =>
      api<TImportJob>(`/people/imports/${id}/mapping`, { method: 'PUT', body }),
    onSuccess: (job) => queryClient.setQueryData(['imports', id], job),
  });
}

export function usePreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['imports', id, 'preview'],
    queryFn: () => api<TImportPreview>(`/people/imports/${id}/preview`, { query: { limit: 10 } }),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRunImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<TImportJob>(`/people/imports/${id}/run`, { method: 'POST' }),
    onSuccess: (job) => {
      queryClient.setQueryData(['imports', id], job);
      void queryClient.invalidateQueries({ queryKey: ['imports'], exact: true });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
}

/** A link cannot send Accept-Language: the file's language goes in the address. */
const fileLang = () => (i18n.language === 'en' ? 'en' : 'id');

export const errorsFileUrl = (id: string) => `/api/v1/people/imports/${id}/errors.csv?lang=${fileLang()}`;

/** The export of the current search: the browser downloads it with the session cookie. */
export function exportUrl(format: 'csv' | 'xlsx', filters: PeopleFilters): string {
  const params = new URLSearchParams({ format, lang: fileLang() });
  for (const [k, v] of Object.entries(filters)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  return `/api/v1/people/export?${params.toString()}`;
}
