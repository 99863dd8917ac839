import { Alert, Button, Center, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api-client.ts';

export function LoadingState({ rows = 0 }: { rows?: number }) {
  const { t } = useTranslation();
  if (rows > 0) {
    return (
      <Stack gap="xs" role="status" aria-busy="true" aria-label={t('common.loading')}>
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={i} height={28} radius="sm" />
        ))}
      </Stack>
    );
  }
  return (
    <Center py="xl" aria-busy="true">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

export function EmptyState({ text }: { text: string }) {
  return (
    <Stack align="center" py="xl" gap="xs" c="dimmed">
      <IconInbox size={36} aria-hidden />
      <Text>{text}</Text>
    </Stack>
  );
}

/** Shows the API's message (in the user's language) and its code, with a retry when given. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : t('error.unknown');
  const code = error instanceof ApiError ? error.code : null;
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t('error.title')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        <Group justify="space-between">
          {code ? (
            <Text size="xs" c="dimmed">
              {t('common.code')}: {code}
            </Text>
          ) : (
            <span />
          )}
          {onRetry ? (
            <Button size="xs" variant="filled" color="red.8" onClick={onRetry}>
              {t('error.retry')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Alert>
  );
}
