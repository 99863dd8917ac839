import type { TCaseStage } from '@atensi/contracts';
import { Alert, Badge, Button, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { caseKey } from './api.ts';

/** The assessment form's domains (apps/api/migrations/0013_assessment-form.sql); labels live in i18n. */
export const DOMAINS = [
  'physical_health',
  'psychological',
  'social_relations',
  'family',
  'economic',
  'spiritual',
  'environment',
  'legal_identity',
] as const;

const STAGE_COLOR: Record<TCaseStage, string> = {
  intake: 'gray',
  approach: 'indigo',
  assessment: 'blue',
  plan: 'grape',
  intervention: 'teal',
  evaluation: 'orange',
  termination: 'red',
  aftercare: 'green',
  closed: 'gray',
};

export function StageBadge({ stage }: { stage: TCaseStage }) {
  const { t } = useTranslation();
  return (
    // Dark text on the tinted background: some light-variant colours miss 4.5:1 at badge size.
    <Badge variant="light" color={STAGE_COLOR[stage]} c="dark.8" style={{ textTransform: 'none' }}>
      {t(`cases.stages.${stage}`)}
    </Badge>
  );
}

/** Indonesian thousands for Rupiah inputs: "Rp 3.250.000". */
export const RUPIAH_INPUT = {
  prefix: 'Rp ',
  thousandSeparator: '.',
  decimalSeparator: ',',
  allowDecimal: false,
  allowNegative: false,
  min: 0,
} as const;

/** Field message from a failed save, for the form field it names. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}

/**
 * The error of a failed change: a stale version (409 CONFLICT) offers a reload; other answers show the
 * server's message and, when given, what each detail says.
 */
export function ActionError({ error, caseId }: { error: unknown; caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // After a reload the stale-version warning has done its job: hide it once the fresh case is in, so the
  // next click sends the new version (and the button shows the reload in progress meanwhile).
  const [reloading, setReloading] = useState(false);
  const [reloadedFor, setReloadedFor] = useState<unknown>(null);
  if (!error || error === reloadedFor) return null;
  const api = error instanceof ApiError ? error : null;
  if (api?.code === 'CONFLICT') {
    const reload = async () => {
      setReloading(true);
      try {
        await queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
        setReloadedFor(error);
      } finally {
        setReloading(false);
      }
    };
    return (
      <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('cases.form.conflict')}</Text>
          <Button size="xs" variant="light" color="orange" loading={reloading} onClick={() => void reload()}>
            {t('cases.form.reload')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  const message = error instanceof Error ? error.message : t('error.unknown');
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
      <Text size="sm">{message}</Text>
      {api?.details.length ? (
        <List size="sm" mt={4}>
          {api.details.map((d) => (
            <List.Item key={`${d.field}-${d.issue}`}>{d.message}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
