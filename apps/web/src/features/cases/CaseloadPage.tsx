import { CASE_STAGES, type TCaseStage, type TCaseSummary } from '@atensi/contracts';
import {
  Badge,
  Button,
  Card,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowsExchange,
  IconBriefcase,
  IconClock,
  IconClockExclamation,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useListParams } from '../../lib/use-list-params.ts';
import {
  CASE_PAGE,
  useCaseload,
  useOverdueReferrals,
  useReference,
  useWaitingReferrals,
} from './referrals-api.ts';

const isStage = (v: string | null): v is TCaseStage => CASE_STAGES.some((s) => s === v);
/** A calendar date ("2026-12-03") read as a local day, so it never shifts by a time zone. */
export const localDay = (d: string) => new Date(`${d}T00:00:00`);

export const STAGE_COLORS: Record<TCaseStage, string> = {
  intake: 'gray',
  approach: 'indigo',
  assessment: 'blue',
  plan: 'grape',
  intervention: 'teal',
  evaluation: 'orange',
  termination: 'yellow',
  aftercare: 'green',
  closed: 'gray',
};

/**
 * The caseload: the signed-in worker's open cases with overdue work first (the API orders them), or the
 * whole unit's (all units for headquarters). Filters and the page live in the address, so back works.
 */
export default function CaseloadPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, update] = useListParams();
  const isHq = !me?.unit;
  const canToggle = me?.role === 'kepala_upt' || me?.role === 'pekerja_sosial';
  // A social worker starts with their own cases; a unit head and headquarters with everyone's.
  const view = params.get('lihat') ?? (me?.role === 'pekerja_sosial' ? 'saya' : 'semua');
  const mine = canToggle && view === 'saya';
  const stageParam = params.get('tahap');
  const stage = isStage(stageParam) ? stageParam : null;
  const offset = Math.max(0, Number(params.get('dari')) || 0);
  const list = useCaseload({ mine, stage, offset });

  const total = list.data?.total ?? 0;
  const empty = stage ? t('caseload.emptyStage') : mine ? t('caseload.emptyMine') : t('caseload.emptyUnit');
  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('caseload.title')}</PageTitle>
        <Text size="sm" c="dimmed" mt={-8}>
          {t('caseload.intro')}
        </Text>
      </div>
      <Group gap="sm" align="flex-end" wrap="wrap">
        {canToggle ? (
          <SegmentedControl
            aria-label={t('caseload.scope')}
            value={mine ? 'saya' : 'semua'}
            onChange={(v) => update({ lihat: v })}
            data={[
              { value: 'saya', label: t('caseload.mine') },
              { value: 'semua', label: t('caseload.unit') },
            ]}
          />
        ) : (
          <Badge variant="light" size="lg">
            {isHq ? t('caseload.all') : t('caseload.unit')}
          </Badge>
        )}
        <Select
          label={t('caseload.stage')}
          value={stage}
          onChange={(v) => update({ tahap: v })}
          placeholder={t('caseload.allStages')}
          clearable
          data={CASE_STAGES.filter((s) => s !== 'closed').map((s) => ({
            value: s,
            label: t(`caseload.stages.${s}`),
          }))}
          w={240}
        />
      </Group>
      <section aria-labelledby="caseload-list" aria-busy={list.isFetching}>
        <Text component="h2" id="caseload-list" fw={700} size="lg" mb="xs">
          {list.data ? t('caseload.count', { total: formatNumber(total) }) : t('caseload.title')}
        </Text>
        {list.isPending ? (
          <LoadingState rows={5} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState text={empty} />
        ) : (
          <Stack gap="sm">
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
              {list.data.items.map((c) => (
                <li key={c.id}>
                  <CaseCard item={c} showWorker={!mine} />
                </li>
              ))}
            </Stack>
            <Pager
              offset={offset}
              size={list.data.items.length}
              total={total}
              onChange={(o) => update({ dari: o ? String(o) : null })}
            />
          </Stack>
        )}
      </section>
    </Stack>
  );
}

function CaseCard({ item: c, showWorker }: { item: TCaseSummary; showWorker: boolean }) {
  const { t, i18n } = useTranslation();
  const reference = useReference();
  const cluster = reference.data?.clusters.find((x) => x.code === c.clusterCode);
  const clusterName = cluster ? (i18n.language === 'en' ? cluster.nameEn : cluster.nameId) : c.clusterCode;
  const late = c.overdueTasks > 0;
  return (
    <Paper
      component={Link}
      to={`/kasus/${c.id}`}
      withBorder
      p="sm"
      data-testid="case-card"
      style={{
        display: 'block',
        color: 'inherit',
        textDecoration: 'none',
        ...(late ? { borderLeft: '4px solid var(--mantine-color-red-7)' } : {}),
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 200, flex: 1 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {c.person.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {c.caseNo} · {clusterName}
            {showWorker && c.worker ? ` · ${t('caseload.worker')}: ${c.worker.displayName}` : ''}
          </Text>
        </Stack>
        <Badge variant="light" color={STAGE_COLORS[c.stage]} data-testid="case-stage">
          {t(`caseload.stages.${c.stage}`)}
        </Badge>
      </Group>
      <Group gap="xs" mt="xs" wrap="wrap" justify="space-between">
        {c.nextTask ? (
          <Text size="sm" c={c.nextTask.overdue ? 'red.9' : undefined} data-testid="case-next-task">
            <IconClock size={14} aria-hidden style={{ verticalAlign: -2, marginRight: 4 }} />
            {t('caseload.nextTask')}: {c.nextTask.title} ·{' '}
            {t('caseload.due', { date: formatDate(localDay(c.nextTask.dueOn)) })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('caseload.noTask')}
          </Text>
        )}
        {late ? (
          <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
            {t('caseload.overdueTasks', { count: c.overdueTasks })}
          </Badge>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t('caseload.updated')}: {formatDateTime(c.updatedAt)}
      </Text>
    </Paper>
  );
}

export function Pager({
  offset,
  size,
  total,
  pageSize = CASE_PAGE,
  onChange,
}: {
  offset: number;
  size: number;
  total: number;
  pageSize?: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  if (total <= pageSize && offset === 0) return null;
  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('caseload.showing', {
          from: formatNumber(offset + 1),
          to: formatNumber(offset + size),
          total: formatNumber(total),
        })}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - pageSize))}
        >
          {t('caseload.prev')}
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={offset + size >= total}
          onClick={() => onChange(offset + pageSize)}
        >
          {t('caseload.next')}
        </Button>
      </Group>
    </Group>
  );
}

/** Home page card: my open cases, overdue tasks, referrals waiting for an answer; each links to its page. */
export function MyWorkCard() {
  const { t } = useTranslation();
  const me = useMe().data;
  const hasCases = Boolean(me?.modules.includes('cases'));
  const hasReferrals = Boolean(me?.modules.includes('referrals'));
  const mine = me?.role === 'pekerja_sosial';
  // The caseload is bounded (about 300 per worker), so one request gives both counts.
  const cases = useCaseload({ mine, stage: null, offset: 0, limit: 300 }, hasCases);
  const waiting = useWaitingReferrals(me?.unit ? 'in' : 'all', hasReferrals);
  const late = useOverdueReferrals(hasReferrals);
  if (!hasCases && !hasReferrals) return null;
  const overdue = cases.data?.items.reduce((n, c) => n + c.overdueTasks, 0);
  const stats = [
    hasCases && {
      key: 'open',
      to: mine ? '/kasus' : '/kasus?lihat=semua',
      label: mine ? t('caseload.homeOpen') : t('caseload.homeOpenAll'),
      value: cases.data?.total,
      icon: IconBriefcase,
      alert: false,
    },
    hasCases && {
      key: 'overdue',
      to: mine ? '/kasus' : '/kasus?lihat=semua',
      label: t('caseload.homeOverdue'),
      value: overdue,
      icon: IconAlertTriangle,
      alert: (overdue ?? 0) > 0,
    },
    hasReferrals && {
      key: 'waiting',
      to: '/rujukan',
      label: t('caseload.homeWaiting'),
      value: waiting.data?.total,
      icon: IconArrowsExchange,
      alert: false,
    },
    hasReferrals && {
      key: 'late-referrals',
      to: '/rujukan?terlambat=1',
      label: t('caseload.homeLateReferrals'),
      value: late.data?.total,
      icon: IconClockExclamation,
      alert: (late.data?.total ?? 0) > 0,
    },
  ].filter((s) => s !== false);
  return (
    <section aria-labelledby="my-work-title">
      <Title order={2} size="h4" mb="sm" id="my-work-title">
        {t('caseload.homeTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {stats.map((s) => (
          <Card
            key={s.key}
            withBorder
            padding="md"
            component={Link}
            to={s.to}
            data-testid={`my-work-${s.key}`}
          >
            <Group wrap="nowrap" gap="sm">
              <ThemeIcon size="lg" variant="light" color={s.alert ? 'red' : 'blue'} aria-hidden>
                <s.icon size={20} />
              </ThemeIcon>
              <div>
                <Text fw={700} size="xl" c={s.alert ? 'red.9' : undefined}>
                  {s.value === undefined ? '…' : formatNumber(s.value)}
                </Text>
                <Text size="sm" c="dimmed">
                  {s.label}
                </Text>
              </div>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </section>
  );
}
