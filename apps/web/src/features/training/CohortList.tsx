import type { TCohortSummary } from '@atensi/contracts';
import { Badge, Button, Card, Group, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate } from '../../lib/format.ts';
import { COHORT_PAGE, COHORT_WORKER_ROLES, useCohorts } from './api.ts';
import { NewCohortForm } from './NewCohortForm.tsx';

export function CohortList() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [limit, setLimit] = useState(COHORT_PAGE);
  const [opened, { open, close }] = useDisclosure(false);
  const list = useCohorts(q, limit);
  const canRun = me ? COHORT_WORKER_ROLES.includes(me.role) : false;
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('training.cohorts.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setLimit(COHORT_PAGE);
          }}
          style={{ flex: '1 1 240px' }}
        />
        {canRun ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
            {t('training.cohorts.new')}
          </Button>
        ) : null}
      </Group>
      {canRun ? <NewCohortForm opened={opened} onClose={close} /> : null}
      {list.isPending ? (
        <LoadingState rows={4} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState text={q ? t('training.cohorts.emptySearch') : t('training.cohorts.empty')} />
      ) : (
        <Stack gap="sm">
          {items.map((c) => (
            <CohortCard key={c.id} cohort={c} showUnit={!me?.unit} />
          ))}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('training.cohorts.shown', { shown: items.length, total })}
            </Text>
            {items.length < total ? (
              <Button
                variant="light"
                loading={list.isFetching}
                onClick={() => setLimit((n) => n + COHORT_PAGE)}
              >
                {t('training.cohorts.more')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

function CohortCard({ cohort: c, showUnit }: { cohort: TCohortSummary; showUnit: boolean }) {
  const { t, i18n } = useTranslation();
  const name = i18n.language === 'en' ? c.course.nameEn : c.course.nameId;
  return (
    <Card withBorder padding="md" component={Link} to={`/pelatihan/kelas/${c.id}`} aria-label={name}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <Text fw={600}>{name}</Text>
          <Text size="sm" c="dimmed">
            {t('training.cohorts.dates', { from: formatDate(c.startsOn), to: formatDate(c.endsOn) })} ·{' '}
            {c.place}
          </Text>
          <Text size="sm" c="dimmed">
            {c.trainer}
            {showUnit ? ` · ${c.unit.name}` : ''}
          </Text>
        </div>
        <Group gap="xs">
          <Badge variant="light">{t(`training.kind.${c.course.kind}`)}</Badge>
          {c.completed > 0 ? (
            <Badge variant="light" color="green">
              {t('training.cohorts.completed', { count: c.completed })}
            </Badge>
          ) : null}
        </Group>
      </Group>
      <Text size="xs" mt="xs">
        {t('training.cohorts.seats', { enrolled: c.enrolled, capacity: c.capacity })}
      </Text>
      <Progress.Root mt={4}>
        <Progress.Section
          value={Math.min(100, (c.enrolled / c.capacity) * 100)}
          color={c.enrolled >= c.capacity ? 'orange' : 'blue'}
          aria-label={t('training.cohorts.seats', { enrolled: c.enrolled, capacity: c.capacity })}
        />
      </Progress.Root>
    </Card>
  );
}
