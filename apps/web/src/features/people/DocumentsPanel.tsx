import {
  DOCUMENT_KINDS,
  DOCUMENT_MIME_TYPES,
  type TDocumentKind,
  type TPerson,
  type TPersonDocument,
} from '@atensi/contracts';
import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  FileInput,
  Group,
  Image,
  Loader,
  Modal,
  NativeSelect,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconFileTypePdf, IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { notify } from '../../components/notify.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { PEOPLE_WRITER_ROLES } from './api.ts';
import {
  downloadDocument,
  useDeleteDocument,
  useDocuments,
  usePhotoUrl,
  useUploadDocument,
} from './documents-api.ts';

const sizeFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/** "820 KB", "1,2 MB" (Indonesian decimal comma). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${sizeFormat.format(n / 1024)} KB`;
  return `${sizeFormat.format(n / 1024 / 1024)} MB`;
}

/** Documents and photos of a person: upload with a type and size check, list, download, delete. */
export function DocumentsPanel({ person }: { person: TPerson }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const docs = useDocuments(person.id);
  const mayEdit = Boolean(me && PEOPLE_WRITER_ROLES.includes(me.role)) && !person.mergedIntoId;
  const [toDelete, setToDelete] = useState<TPersonDocument | null>(null);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="documents-title">
      <Title order={2} size="h4" id="documents-title" mb="sm">
        {t('peopleDocs.docs.title')}
      </Title>
      <Stack gap="md">
        {mayEdit && docs.data ? <UploadForm person={person} maxBytes={docs.data.maxBytes} /> : null}
        {docs.isPending ? (
          <LoadingState rows={3} />
        ) : docs.isError ? (
          <ErrorState error={docs.error} onRetry={() => void docs.refetch()} />
        ) : docs.data.items.length === 0 ? (
          <EmptyState text={t('peopleDocs.docs.empty')} />
        ) : (
          <Stack
            gap="xs"
            component="ul"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            data-testid="documents"
          >
            {docs.data.items.map((d) => (
              <DocumentRow
                key={d.id}
                personId={person.id}
                doc={d}
                onDelete={mayEdit ? () => setToDelete(d) : null}
              />
            ))}
          </Stack>
        )}
      </Stack>
      <DeleteDialog personId={person.id} doc={toDelete} onClose={() => setToDelete(null)} />
    </Card>
  );
}

function UploadForm({ person, maxBytes }: { person: TPerson; maxBytes: number }) {
  const { t } = useTranslation();
  const upload = useUploadDocument(person.id);
  const [kind, setKind] = useState<TDocumentKind>('photo');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  // Medical documents are specific data: only the case team and the head of unit upload them.
  const kinds = DOCUMENT_KINDS.filter((k) => k !== 'medical' || person.mayReadSensitive);
  const limit = formatBytes(maxBytes);

  /** A convenience check before sending; the server decides by the file's content. */
  function precheck(f: File | null, k: TDocumentKind): string | null {
    if (!f) return t('peopleDocs.docs.fileRequired');
    if (f.size > maxBytes) return t('peopleDocs.docs.tooLarge', { limit });
    if (f.type && !(DOCUMENT_MIME_TYPES as readonly string[]).includes(f.type))
      return t('peopleDocs.docs.badType');
    if (k === 'photo' && f.type === 'application/pdf') return t('peopleDocs.docs.photoNotImage');
    return null;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const problem = precheck(file, kind);
    setFileError(problem);
    if (problem || !file) return;
    upload.mutate(
      { kind, file },
      {
        onSuccess: () => {
          notify(t('peopleDocs.docs.uploaded'));
          setFile(null);
        },
        onError: (err) => {
          if (err instanceof ApiError && err.fieldError('file')) {
            const msg = err.fieldError('file') ?? '';
            setFileError(`${err.message} ${msg.replace(/^file: /, '')}`);
          } else setFileError(err.message);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('peopleDocs.docs.uploadTitle')}>
      <Stack gap="xs">
        <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <NativeSelect
            label={t('peopleDocs.docs.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as TDocumentKind)}
            data={kinds.map((k) => ({ value: k, label: t(`peopleDocs.kinds.${k}`) }))}
            style={{ minWidth: 160 }}
          />
          <FileInput
            label={t('peopleDocs.docs.file')}
            placeholder={t('peopleDocs.docs.choose')}
            // Mantine's placeholder grey is too faint on white (WCAG contrast).
            styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
            description={t('peopleDocs.docs.hint', { limit })}
            accept={DOCUMENT_MIME_TYPES.join(',')}
            value={file}
            onChange={(f) => {
              setFile(f);
              setFileError(f ? precheck(f, kind) : null);
            }}
            error={fileError}
            clearable
            style={{ minWidth: 200 }}
          />
        </Group>
        {upload.progress !== null ? (
          <Progress
            value={upload.progress}
            animated
            aria-label={t('peopleDocs.docs.progress', { pct: upload.progress })}
          />
        ) : null}
        <Group>
          <Button type="submit" leftSection={<IconUpload size={16} aria-hidden />} loading={upload.isPending}>
            {t('peopleDocs.docs.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Thumbnail({ personId, doc }: { personId: string; doc: TPersonDocument }) {
  const { t } = useTranslation();
  const isPhoto = doc.kind === 'photo';
  const photo = usePhotoUrl(personId, doc.id, isPhoto);
  const box = { width: 56, height: 56, flex: '0 0 56px' } as const;
  if (isPhoto && photo.url) {
    return <Image src={photo.url} alt={t('peopleDocs.docs.photoAlt')} radius="sm" fit="cover" style={box} />;
  }
  return (
    <Center style={{ ...box, background: 'var(--mantine-color-gray-1)', borderRadius: 4 }} aria-hidden>
      {isPhoto && photo.isPending ? (
        <Loader size="xs" />
      ) : doc.mimeType === 'application/pdf' ? (
        <IconFileTypePdf size={28} />
      ) : (
        <IconPhoto size={28} />
      )}
    </Center>
  );
}

function DocumentRow({
  personId,
  doc,
  onDelete,
}: {
  personId: string;
  doc: TPersonDocument;
  onDelete: (() => void) | null;
}) {
  const { t } = useTranslation();
  const [isDownloading, setIsDownloading] = useState(false);
  async function download() {
    setIsDownloading(true);
    try {
      await downloadDocument(personId, doc);
    } catch (err) {
      notify(err instanceof Error ? err.message : t('error.unknown'), 'red');
    } finally {
      setIsDownloading(false);
    }
  }
  return (
    <Group component="li" gap="sm" wrap="nowrap" align="center" data-testid="document-row">
      <Thumbnail personId={personId} doc={doc} />
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Group gap={6} wrap="wrap">
          <Badge variant="light" style={{ textTransform: 'none' }}>
            {t(`peopleDocs.kinds.${doc.kind}`)}
          </Badge>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {doc.fileName}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {formatBytes(doc.sizeBytes)} · {formatDateTime(doc.createdAt)}
          {doc.uploadedBy ? ` · ${doc.uploadedBy}` : ''}
        </Text>
      </Stack>
      <Group gap={4} wrap="nowrap">
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => void download()}
          loading={isDownloading}
          aria-label={t('peopleDocs.docs.downloadNamed', { name: doc.fileName })}
        >
          <IconDownload size={18} aria-hidden />
        </Button>
        {onDelete ? (
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            onClick={onDelete}
            aria-label={t('peopleDocs.docs.deleteNamed', { name: doc.fileName })}
          >
            <IconTrash size={18} aria-hidden />
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}

function DeleteDialog({
  personId,
  doc,
  onClose,
}: {
  personId: string;
  doc: TPersonDocument | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const del = useDeleteDocument(personId);
  return (
    <Modal
      opened={doc !== null}
      onClose={() => {
        del.reset();
        onClose();
      }}
      title={t('peopleDocs.docs.deleteTitle')}
      closeButtonProps={{ 'aria-label': t('peopleDocs.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('peopleDocs.docs.deleteText', { name: doc?.fileName ?? '' })}</Text>
        {del.isError ? (
          <Alert color="red" role="alert">
            {del.error.message}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('peopleDocs.cancel')}
          </Button>
          <Button
            color="red"
            loading={del.isPending}
            onClick={() =>
              doc &&
              del.mutate(doc.id, {
                onSuccess: () => {
                  notify(t('peopleDocs.docs.deleted'));
                  onClose();
                },
              })
            }
          >
            {t('peopleDocs.docs.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
