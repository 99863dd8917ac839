import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate } from '../../lib/format.ts';
import { CASE_WORKER_ROLES, usePersonCases } from './api.ts';
import { StageBadge } from './parts.tsx';

/** The "Kasus" section of the person page: the person's cases with their stage, and "Buka kasus". */
export function PersonCases({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const mayRead = Boolean(me?.modules.includes('cases'));
  const cases = usePersonCases(personId, mayRead);
  const canOpen = Boolean(me && CASE_WORKER_ROLES.includes(me.role));
  if (!mayRead) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="cases-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="cases-title">
          {t('cases.personSection.title')}
        </Title>
        {canOpen ? (
          <Button
            component={Link}
            to={`/kasus/baru?person=${personId}`}
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
          >
            {t('cases.personSection.open')}
          </Button>
        ) : null}
      </Group>
      {cases.isPending ? (
        <LoadingState rows={2} />
      ) : cases.isError ? (
        <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />
      ) : cases.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cases.personSection.empty')}
        </Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {cases.data.items.map((c) => (
            <Group key={c.id} component="li" gap="xs" wrap="wrap" data-testid="person-case">
              <Anchor component={Link} to={`/kasus/${c.id}`} fw={600} size="sm">
                {c.caseNo}
              </Anchor>
              <StageBadge stage={c.stage} />
              <Text size="sm" c="dimmed">
                {c.unit.code} · {t('cases.personSection.since', { date: formatDate(c.intakeDate) })}
                {c.worker ? ` · ${c.worker.displayName}` : ''}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
