import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { formatDate } from '../../lib/format.ts';

/** A calendar date ("2026-12-03") read as a local day, so it never shifts by a time zone. */
export const localDay = (d: string) => new Date(`${d}T00:00:00`);

/** A calendar date as Indonesian text: "3 Desember 2026". */
export const day = (d: string) => formatDate(localDay(d));

/** A refused save: a concurrent edit (409) offers a reload; anything else shows the server's message. */
export function SaveError({
  error,
  onReload,
  conflict,
}: {
  error: unknown;
  onReload: () => void;
  /** What a concurrent edit (409) means here. */
  conflict: string;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  if (api?.status === 409 && api.code === 'CONFLICT') {
    return (
      <Alert color="orange" role="alert" icon={<IconAlertTriangle aria-hidden />}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{conflict}</Text>
          <Button size="xs" variant="light" color="orange" onClick={onReload}>
            {t('followup.form.reload')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
      <Text size="sm">{error instanceof Error ? error.message : t('error.unknown')}</Text>
    </Alert>
  );
}
