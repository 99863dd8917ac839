import { Anchor, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate } from '../../lib/format.ts';
import { COHORT_WORKER_ROLES, useCohort } from './api.ts';
import { NewCohortForm } from './NewCohortForm.tsx';
import { Participants } from './Participants.tsx';
import { Sessions } from './Sessions.tsx';

/** One cohort: who is in it, its sessions and attendance, assessment, completion and certificates. */
export default function CohortPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const cohort = useCohort(id);
  const [editing, { open, close }] = useDisclosure(false);
  if (cohort.isPending) return <LoadingState rows={6} />;
  if (cohort.isError) return <ErrorState error={cohort.error} onRetry={() => void cohort.refetch()} />;
  const c = cohort.data;
  const canRun = Boolean(me && COHORT_WORKER_ROLES.includes(me.role) && me.unit?.id === c.unit.id);
  const name = i18n.language === 'en' ? c.course.nameEn : c.course.nameId;
  const full = c.enrolled >= c.capacity;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/pelatihan" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('training.cohort.back')}
        </Group>
      </Anchor>
      <div>
        <PageTitle>{name}</PageTitle>
        <Group gap="xs" mt={-8} justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Badge variant="light">{t(`training.kind.${c.course.kind}`)}</Badge>
            <Text size="sm" c="dimmed">
              {c.unit.name}
            </Text>
          </Group>
          {canRun ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={open}
            >
              {t('training.cohortForm.edit')}
            </Button>
          ) : null}
        </Group>
        {canRun && editing ? <NewCohortForm opened onClose={close} cohort={c} /> : null}
      </div>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Fact
            label={t('training.cohort.dates')}
            value={`${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}`}
          />
          <Fact label={t('training.cohort.trainer')} value={c.trainer} />
          <Fact label={t('training.cohort.place')} value={c.place} />
          <Fact label={t('training.cohort.hours')} value={String(c.course.hours)} />
        </SimpleGrid>
        <Group justify="space-between" mt="md" mb={4}>
          <Text size="sm" fw={500} id="capacity-label">
            {t('training.cohort.capacity', { enrolled: c.enrolled, capacity: c.capacity })}
          </Text>
          {full ? (
            <Badge color="orange" variant="light">
              {t('training.cohort.full')}
            </Badge>
          ) : null}
        </Group>
        <Progress.Root size="lg">
          <Progress.Section
            value={Math.min(100, (c.enrolled / c.capacity) * 100)}
            color={full ? 'orange' : 'blue'}
            aria-labelledby="capacity-label"
          />
        </Progress.Root>
      </Paper>
      {!canRun ? (
        <Text size="sm" c="dimmed">
          {t('training.cohort.readOnly')}
        </Text>
      ) : null}
      <Participants cohort={c} canRun={canRun} />
      <Sessions cohort={c} canRun={canRun} />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </div>
  );
}
