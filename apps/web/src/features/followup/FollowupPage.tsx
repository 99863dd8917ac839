import type { TDueSurvey } from '@atensi/contracts';
import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconClipboardPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useListParams } from '../../lib/use-list-params.ts';
import { Pager } from '../cases/CaseloadPage.tsx';
import { DUE_PAGE, SURVEY_WRITER_ROLES, useDueSurveys } from './api.ts';
import { day } from './parts.tsx';

/**
 * /tindak-lanjut: the unit's due and overdue surveys, overdue first (the API orders them); each opens the
 * survey form for its case. The filter and the page live in the address, so back works.
 */
export default function FollowupPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, update] = useListParams();
  const canToggle = me?.role === 'kepala_upt' || me?.role === 'pekerja_sosial';
  // A social worker starts with their own cases; the head of unit with the whole unit's.
  const view = params.get('lihat') ?? (me?.role === 'pekerja_sosial' ? 'saya' : 'semua');
  const mine = canToggle && view === 'saya';
  const offset = Math.max(0, Number(params.get('dari')) || 0);
  const list = useDueSurveys({ mine, offset });
  const canRecord = Boolean(me && SURVEY_WRITER_ROLES.includes(me.role));

  const total = list.data?.total ?? 0;
  const overdue = list.data?.items.filter((x) => x.overdue).length ?? 0;
  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('followup.due.title')}</PageTitle>
        <Text size="sm" c="dimmed" mt={-8}>
          {t('followup.due.intro')}
        </Text>
      </div>
      {canToggle ? (
        <SegmentedControl
          aria-label={t('followup.due.scope')}
          value={mine ? 'saya' : 'semua'}
          onChange={(v) => update({ lihat: v })}
          data={[
            { value: 'saya', label: t('followup.due.mine') },
            { value: 'semua', label: t('followup.due.unit') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      ) : null}
      <section aria-labelledby="due-list" aria-busy={list.isFetching}>
        <Group gap="xs" mb="xs" align="baseline">
          <Text component="h2" id="due-list" fw={700} size="lg">
            {list.data
              ? t('followup.due.total', { count: total, total: formatNumber(total) })
              : t('followup.due.title')}
          </Text>
          {overdue ? (
            <Badge color="red" variant="light" c="dark.8">
              {t('followup.due.overdueOnPage', { count: overdue })}
            </Badge>
          ) : null}
        </Group>
        {list.isPending ? (
          <LoadingState rows={5} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState text={mine ? t('followup.due.emptyMine') : t('followup.due.empty')} />
        ) : (
          <Stack gap="sm">
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
              {list.data.items.map((d) => (
                <li key={d.scheduleId}>
                  <DueCard d={d} showWorker={!mine} canRecord={canRecord} />
                </li>
              ))}
            </Stack>
            <Pager
              offset={offset}
              size={list.data.items.length}
              total={total}
              pageSize={DUE_PAGE}
              onChange={(o) => update({ dari: o ? String(o) : null })}
            />
          </Stack>
        )}
      </section>
    </Stack>
  );
}

function DueCard({ d, showWorker, canRecord }: { d: TDueSurvey; showWorker: boolean; canRecord: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="due-survey"
      style={d.overdue ? { borderLeft: '4px solid var(--mantine-color-red-7)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 180, flex: 1 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {d.person.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            <Link to={`/kasus/${d.caseId}`} style={{ color: 'inherit' }}>
              {d.caseNo}
            </Link>{' '}
            · {t(`followup.kinds.${d.kind}`)}
            {showWorker && d.worker ? ` · ${t('followup.due.worker')}: ${d.worker.displayName}` : ''}
          </Text>
          <Group gap={6} mt={4}>
            {d.overdue ? (
              <Badge color="red.9" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
                {t('followup.due.overdue', { count: d.daysOverdue, days: d.daysOverdue })}
              </Badge>
            ) : null}
            <Text size="sm" c={d.overdue ? 'red.9' : undefined}>
              {t('followup.due.dueOn', { date: day(d.dueOn) })}
            </Text>
          </Group>
        </Stack>
        {canRecord ? (
          <Button
            component={Link}
            to={`/kasus/${d.caseId}/survei/baru?jadwal=${d.scheduleId}&dari=tindak-lanjut`}
            leftSection={<IconClipboardPlus size={16} aria-hidden />}
            aria-label={t('followup.due.recordFor', { name: d.person.fullName })}
          >
            {t('followup.due.record')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
