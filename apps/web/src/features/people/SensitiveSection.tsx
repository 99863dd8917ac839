import type { TPersonSensitiveResponse } from '@atensi/contracts';
import {
  Alert,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { notify } from '../../components/notify.ts';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { usePutSensitive, useSensitive } from './api.ts';
import { serverFieldErrors } from './form-model.ts';

const FIELDS = ['healthNotes', 'drugUse', 'hivStatus', 'criminalRecord', 'traffickingDetails'] as const;
type Field = (typeof FIELDS)[number];

/** Specific data (UU 27/2022): opened on request only, since every read is recorded in the audit log. */
export function SensitiveSection({ personId, mayEdit }: { personId: string; mayEdit: boolean }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [isEditing, setIsEditing] = useState(false);
  const data = useSensitive(personId, isOpen);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sensitive-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="sensitive-title">
          <IconLock size={18} aria-hidden style={{ verticalAlign: 'text-bottom' }} />{' '}
          {t('people.sensitive.title')}
        </Title>
        {isOpen && data.data && mayEdit && !isEditing ? (
          <Button size="xs" variant="default" onClick={() => setIsEditing(true)}>
            {t('people.sensitive.edit')}
          </Button>
        ) : null}
      </Group>
      {!isOpen ? (
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="dimmed">
            {t('people.sensitive.intro')}
          </Text>
          <Button variant="light" color="grape" onClick={() => setIsOpen(true)}>
            {t('people.sensitive.show')}
          </Button>
        </Stack>
      ) : data.isPending ? (
        <LoadingState rows={3} />
      ) : data.isError ? (
        <ErrorState error={data.error} onRetry={() => void data.refetch()} />
      ) : isEditing ? (
        <SensitiveForm
          personId={personId}
          current={data.data}
          onDone={() => setIsEditing(false)}
          onReload={() => void data.refetch()}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" data-testid="sensitive-data">
          {FIELDS.map((f) => (
            <div key={f}>
              <Text size="xs" c="dimmed">
                {t(`people.sensitive.${f}`)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                {data.data[f] || '—'}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}

function SensitiveForm({
  personId,
  current,
  onDone,
  onReload,
}: {
  personId: string;
  current: TPersonSensitiveResponse;
  onDone: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const put = usePutSensitive(personId);
  const [draft, setDraft] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f, current[f] ?? ''])) as Record<Field, string>,
  );
  const err = put.error instanceof ApiError ? put.error : null;
  const fieldErrors = err ? serverFieldErrors(err.details) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = Object.fromEntries(FIELDS.map((f) => [f, draft[f].trim() || null]));
    put.mutate(
      { ...body, version: current.version },
      {
        onSuccess: () => {
          notify(t('people.saved'));
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {err?.code === 'CONFLICT' ? (
          <Alert color="yellow" role="alert" title={t('people.conflictTitle')}>
            <Stack gap="xs" align="flex-start">
              {t('people.conflict')}
              <Button
                size="xs"
                variant="white"
                color="yellow.9"
                onClick={() => {
                  onReload();
                  onDone();
                }}
              >
                {t('people.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : err && !err.details.length ? (
          <ErrorState error={err} />
        ) : null}
        {FIELDS.map((f) =>
          f === 'hivStatus' ? (
            <TextInput
              key={f}
              label={t(`people.sensitive.${f}`)}
              value={draft[f]}
              maxLength={200}
              onChange={(e) => setDraft((d) => ({ ...d, [f]: e.currentTarget.value }))}
              error={fieldErrors[f]}
            />
          ) : (
            <Textarea
              key={f}
              label={t(`people.sensitive.${f}`)}
              value={draft[f]}
              maxLength={4000}
              autosize
              minRows={2}
              onChange={(e) => setDraft((d) => ({ ...d, [f]: e.currentTarget.value }))}
              error={fieldErrors[f]}
            />
          ),
        )}
        <Group gap="sm">
          <Button type="submit" loading={put.isPending}>
            {t('people.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('people.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
