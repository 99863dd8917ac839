import type {
  TConsentListResponse,
  TCreateConsentRequest,
  TDocumentKind,
  TError,
  TPersonDocument,
  TPersonDocumentList,
  TWithdrawConsentRequest,
} from '@atensi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../app/api-client.ts';
import { i18n } from '../../app/i18n/index.ts';

// Documents and consent of one person. Uploads use XMLHttpRequest for its progress events (fetch has
// none for request bodies); file content is fetched as a blob, never linked directly, so it stays
// behind the session and the browser never renders it in the app's origin.

const docsKey = (personId: string) => ['person', personId, 'documents'] as const;
const consentKey = (personId: string) => ['person', personId, 'consents'] as const;

export function useDocuments(personId: string) {
  return useQuery({
    queryKey: docsKey(personId),
    queryFn: () => api<TPersonDocumentList>(`/people/${personId}/documents`),
  });
}

function parseError(status: number, text: string): ApiError {
  let body: Partial<TError> = {};
  try {
    body = text ? (JSON.parse(text) as Partial<TError>) : {};
  } catch {
    body = {};
  }
  return new ApiError(status, body, i18n.t(status === 0 ? 'error.network' : 'error.unknown'));
}

/** POST multipart with progress (0–100); resolves with the stored document or rejects with an ApiError. */
function sendUpload(
  personId: string,
  kind: TDocumentKind,
  file: File,
  onProgress: (pct: number) => void,
): Promise<TPersonDocument> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/people/${personId}/documents`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', i18n.language);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as TPersonDocument);
      else reject(parseError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(parseError(0, ''));
    xhr.send(form);
  });
}

export function useUploadDocument(personId: string) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: ({ kind, file }: { kind: TDocumentKind; file: File }) => {
      setProgress(0);
      return sendUpload(personId, kind, file, setProgress);
    },
    onSettled: () => setProgress(null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: docsKey(personId) }),
  });
  return { ...mutation, progress };
}

export function useDeleteDocument(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (docId: string) => api(`/people/${personId}/documents/${docId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: docsKey(personId) }),
  });
}

/** The file's content; every fetch is recorded in the audit log by the server. */
export async function fetchDocumentBlob(personId: string, docId: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/people/${personId}/documents/${docId}/file`, {
      credentials: 'same-origin',
      headers: { 'accept-language': i18n.language },
    });
  } catch {
    throw parseError(0, '');
  }
  if (!res.ok) throw parseError(res.status, await res.text());
  return res.blob();
}

/** Save a document to the device under its stored name. */
export async function downloadDocument(personId: string, doc: TPersonDocument): Promise<void> {
  const blob = await fetchDocumentBlob(personId, doc.id);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = doc.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An object URL for showing a photo; revoked when the component goes away. */
export function usePhotoUrl(personId: string, docId: string, enabled: boolean) {
  const blob = useQuery({
    queryKey: ['person', personId, 'documents', docId, 'blob'],
    queryFn: () => fetchDocumentBlob(personId, docId),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob.data) return;
    const u = URL.createObjectURL(blob.data);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob.data]);
  return { url, isError: blob.isError, isPending: enabled && blob.isPending };
}

export function useConsents(personId: string) {
  return useQuery({
    queryKey: consentKey(personId),
    queryFn: () => api<TConsentListResponse>(`/people/${personId}/consents`),
  });
}

export function useCreateConsent(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateConsentRequest) =>
      api<TConsentListResponse>(`/people/${personId}/consents`, { method: 'POST', body }),
    onSuccess: (data) => queryClient.setQueryData(consentKey(personId), data),
  });
}

export function useWithdrawConsent(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ consentId, ...body }: TWithdrawConsentRequest & { consentId: string }) =>
      api<TConsentListResponse>(`/people/${personId}/consents/${consentId}/withdraw`, {
        method: 'POST',
        body,
      }),
    onSuccess: (data) => queryClient.setQueryData(consentKey(personId), data),
  });
}
