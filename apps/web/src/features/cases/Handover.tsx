import type { TCase } from '@atensi/contracts';
import { Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../components/notify.ts';
import { useCaseAction, useCaseWorkers } from './api.ts';
import { ActionError } from './parts.tsx';

/** The unit head hands the case to another social worker of the unit. */
export function Handover({ c }: { c: TCase }) {
  const { t } = useTranslation();
  const workers = useCaseWorkers();
  const assign = useCaseAction(c.id);
  const others = (workers.data?.items ?? []).filter((w) => w.id !== c.worker?.id);
  const [picked, setPicked] = useState('');
  const target = picked || others[0]?.id || '';
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="handover-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="handover-title">
          {t('cases.lifecycle.handover')}
        </Title>
        <Text size="sm">
          {t('cases.lifecycle.handoverNow', { name: c.worker?.displayName ?? t('cases.lifecycle.nobody') })}
        </Text>
        {others.length === 0 ? (
          <Text size="sm" c="dimmed">
            {workers.isLoading ? t('common.loading') : t('cases.lifecycle.handoverNoOne')}
          </Text>
        ) : (
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label={t('cases.lifecycle.handoverTo')}
              value={target}
              onChange={(e) => setPicked(e.currentTarget.value)}
              data={others.map((w) => ({ value: w.id, label: w.displayName }))}
            />
            <Button
              loading={assign.isPending}
              onClick={() =>
                assign.mutate(
                  { path: '/assign', body: { workerId: target, version: c.version } },
                  { onSuccess: () => notify(t('cases.lifecycle.handedOver')) },
                )
              }
            >
              {t('cases.lifecycle.handoverButton')}
            </Button>
          </Group>
        )}
        <ActionError error={assign.error} caseId={c.id} />
      </Stack>
    </Card>
  );
}
