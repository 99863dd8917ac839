import type { TCourse } from '@atensi/contracts';
import { Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconTrendingUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatRupiah } from '../../lib/format.ts';
import { CATALOGUE_EDITOR_ROLES, useCourses } from './api.ts';
import { CourseForm } from './CourseForm.tsx';

/** The catalogue, grouped by kind, with the income change of each course's graduates beside it. */
export function CourseCatalogue() {
  const { t } = useTranslation();
  const me = useMe().data;
  const courses = useCourses();
  const canEdit = me ? CATALOGUE_EDITOR_ROLES.includes(me.role) : false;
  const [editing, setEditing] = useState<TCourse | 'new' | null>(null);

  if (courses.isPending) return <LoadingState rows={6} />;
  if (courses.isError) return <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />;
  const items = courses.data.items;
  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {me?.unit ? t('training.catalogue.scopeUnit') : t('training.catalogue.scopeAll')}
        </Text>
        {canEdit ? (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            variant="light"
            onClick={() => setEditing('new')}
          >
            {t('training.catalogue.add')}
          </Button>
        ) : null}
      </Group>
      {canEdit && editing ? (
        <CourseForm course={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {items.length === 0 ? <EmptyState text={t('training.catalogue.empty')} /> : null}
      {(['vocational', 'entrepreneurship'] as const).map((kind) => {
        const group = items.filter((c) => c.kind === kind);
        if (!group.length) return null;
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <Title order={2} size="h4" id={`kind-${kind}`} mb="sm">
              {t(`training.kind.${kind}`)}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {group.map((c) => (
                <CourseCard key={c.code} course={c} onEdit={canEdit ? () => setEditing(c) : null} />
              ))}
            </SimpleGrid>
          </section>
        );
      })}
    </Stack>
  );
}

function Change({ label, change }: { label: string; change: TCourse['outcome']['after3Months'] }) {
  const { t } = useTranslation();
  const value = change.medianChange;
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm">{label}</Text>
      {value === null ? (
        <Text size="sm" c="dimmed">
          {t('training.catalogue.noData')}
        </Text>
      ) : (
        <Text size="sm" fw={600} c={value >= 0 ? 'green.9' : 'red.9'} ta="right">
          {t('training.catalogue.median', {
            value: `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatRupiah(Math.abs(value))}`,
            count: change.count,
          })}
        </Text>
      )}
    </Group>
  );
}

function CourseCard({ course: c, onEdit }: { course: TCourse; onEdit: (() => void) | null }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const competencies = en ? c.competenciesEn : c.competenciesId;
  return (
    <Card withBorder padding="md" data-course={c.code}>
      <Stack gap="xs" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={3} size="h5">
              {en ? c.nameEn : c.nameId}
            </Title>
            <Text size="sm" c="dimmed">
              {en ? c.nameId : c.nameEn} · {t('training.catalogue.hours', { hours: c.hours })}
            </Text>
          </div>
          {onEdit ? (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={onEdit}
              aria-label={`${t('training.catalogue.edit')} ${en ? c.nameEn : c.nameId}`}
            >
              {t('training.catalogue.edit')}
            </Button>
          ) : null}
        </Group>
        {!c.isActive ? (
          <Badge color="gray" variant="light">
            {t('training.catalogue.inactive')}
          </Badge>
        ) : null}
        {competencies.length ? (
          <List size="sm" spacing={2} aria-label={t('training.catalogue.competencies')}>
            {competencies.map((x) => (
              <List.Item key={x}>{x}</List.Item>
            ))}
          </List>
        ) : null}
        <Card.Section withBorder inheritPadding py="xs" mt="auto">
          <Group gap={6} mb={4}>
            <IconTrendingUp size={16} aria-hidden />
            <Text size="sm" fw={600}>
              {t('training.catalogue.outcomeTitle')}
            </Text>
            <Text size="sm" c="dimmed">
              ({t('training.catalogue.graduates', { count: c.outcome.graduates })})
            </Text>
          </Group>
          <Change label={t('training.catalogue.after3')} change={c.outcome.after3Months} />
          <Change label={t('training.catalogue.after6')} change={c.outcome.after6Months} />
        </Card.Section>
      </Stack>
    </Card>
  );
}
