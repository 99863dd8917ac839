import { APPROACHES, OUTCOME_GROUPS, type TOutcomeFigures, type TOutcomesResponse } from '@atensi/contracts';
import {
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconDownload, IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate, formatNumber, formatRupiah } from '../../lib/format.ts';
import { exportHref, type OutcomeFilters, useOutcomes, useReference, useUnitOptions } from './api.ts';
import { OutcomeCharts } from './OutcomeCharts.tsx';

const percent = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 });
const isGroup = (v: string | null): v is OutcomeFilters['groupBy'] & string =>
  OUTCOME_GROUPS.some((g) => g === v);
const isApproach = (v: string | null): v is (typeof APPROACHES)[number] => APPROACHES.some((a) => a === v);
const isDate = (v: string | null): v is string => Boolean(v && /^\d{4}-\d{2}-\d{2}$/.test(v));
const NOWRAP = { whiteSpace: 'nowrap' } as const;
const rupiahOrDash = (v: number | null) => (v === null ? '–' : formatRupiah(Math.round(v)));

/**
 * Outcomes for units and headquarters: filters (unit for headquarters, cluster, approach, intake period,
 * grouping) live in the address, so a view can be shared and back works. Figures, charts, table, export.
 */
export default function OutcomesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const isHq = Boolean(me && !me.unit);
  const [params, setParams] = useSearchParams();
  const approach = params.get('pendekatan');
  const groupBy = params.get('per');
  const from = params.get('dari');
  const to = params.get('sampai');
  const filters: OutcomeFilters = {
    unit: (isHq && params.get('unit')) || undefined,
    cluster: params.get('klaster') || undefined,
    approach: isApproach(approach) ? approach : undefined,
    from: isDate(from) ? from : undefined,
    to: isDate(to) ? to : undefined,
    groupBy: isGroup(groupBy) ? groupBy : 'unit',
  };
  const outcomes = useOutcomes(filters);
  const units = useUnitOptions(isHq);
  const reference = useReference();
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const clusterName = (code: string) => {
    const c = reference.data?.clusters.find((x) => x.code === code);
    return c ? (i18n.language === 'en' ? c.nameEn : c.nameId) : code;
  };
  const groupLabel = (key: string, label: string) =>
    filters.groupBy === 'approach'
      ? t(`outcomes.approach.${key}`, { defaultValue: key })
      : filters.groupBy === 'cluster'
        ? clusterName(key)
        : label;
  const filtered = Boolean(filters.unit || filters.cluster || filters.approach || filters.from || filters.to);

  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('outcomes.title')}</PageTitle>
        <Text c="dimmed" size="sm" mt={-8}>
          {t('outcomes.intro')}
        </Text>
      </div>
      <Card withBorder padding="sm" component="section" aria-label={t('outcomes.filters.label')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: isHq ? 5 : 4 }} spacing="sm">
          {isHq ? (
            <Select
              label={t('outcomes.filters.unit')}
              placeholder={t('outcomes.filters.allUnits')}
              data={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={filters.unit ?? null}
              onChange={(v) => update({ unit: v })}
              searchable
              clearable
            />
          ) : null}
          <Select
            label={t('outcomes.filters.cluster')}
            placeholder={t('outcomes.filters.allClusters')}
            data={(reference.data?.clusters ?? []).map((c) => ({
              value: c.code,
              label: clusterName(c.code),
            }))}
            value={filters.cluster ?? null}
            onChange={(v) => update({ klaster: v })}
            clearable
          />
          <Select
            label={t('outcomes.filters.approach')}
            placeholder={t('outcomes.filters.allApproaches')}
            data={APPROACHES.map((a) => ({ value: a, label: t(`outcomes.approach.${a}`) }))}
            value={filters.approach ?? null}
            onChange={(v) => update({ pendekatan: v })}
            clearable
          />
          <TextInput
            type="date"
            label={t('outcomes.filters.from')}
            value={filters.from ?? ''}
            max={filters.to}
            onChange={(e) => update({ dari: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('outcomes.filters.to')}
            value={filters.to ?? ''}
            min={filters.from}
            onChange={(e) => update({ sampai: e.currentTarget.value })}
          />
        </SimpleGrid>
        <Group justify="space-between" mt="sm" gap="xs">
          <Group gap="xs" align="center">
            <Text size="sm" id="outcomes-group-by">
              {t('outcomes.filters.groupBy')}
            </Text>
            <SegmentedControl
              aria-labelledby="outcomes-group-by"
              size="xs"
              value={filters.groupBy ?? 'unit'}
              onChange={(v) => update({ per: v === 'unit' ? null : v })}
              data={OUTCOME_GROUPS.map((g) => ({ value: g, label: t(`outcomes.groupBy.${g}`) }))}
            />
          </Group>
          <Group gap="xs">
            {filtered ? (
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconFilterOff size={16} aria-hidden />}
                onClick={() =>
                  update({ unit: null, klaster: null, pendekatan: null, dari: null, sampai: null })
                }
              >
                {t('outcomes.filters.reset')}
              </Button>
            ) : null}
            <Button
              component="a"
              href={exportHref(filters, i18n.language)}
              download
              size="xs"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('outcomes.export')}
            </Button>
          </Group>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t('outcomes.filters.periodHint')}
        </Text>
      </Card>
      {outcomes.isPending ? (
        <LoadingState rows={6} />
      ) : outcomes.isError ? (
        <ErrorState error={outcomes.error} onRetry={() => void outcomes.refetch()} />
      ) : outcomes.data.total.followed === 0 && outcomes.data.total.overdue === 0 ? (
        <EmptyState text={t('outcomes.empty')} />
      ) : (
        <Stack gap="md" aria-busy={outcomes.isFetching} data-testid="outcomes-figures">
          <Summary data={outcomes.data} />
          <OutcomeCharts data={outcomes.data} groupLabel={groupLabel} />
          <FiguresTable data={outcomes.data} groupLabel={groupLabel} />
        </Stack>
      )}
    </Stack>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      {note ? (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      ) : null}
    </Card>
  );
}

function Summary({ data }: { data: TOutcomesResponse }) {
  const { t } = useTranslation();
  const total = data.total;
  return (
    <section aria-label={t('outcomes.asOf', { date: formatDate(`${data.asOf}T00:00:00`) })}>
      <Text size="sm" c="dimmed" mb={4}>
        {t('outcomes.asOf', { date: formatDate(`${data.asOf}T00:00:00`) })}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 5 }} spacing="sm">
        <Stat label={t('outcomes.summary.followed')} value={formatNumber(total.followed)} />
        <Stat
          label={t('outcomes.summary.income')}
          value={`${rupiahOrDash(total.medianFirstIncome)} → ${rupiahOrDash(total.medianLatestIncome)}`}
        />
        <Stat
          label={t('outcomes.summary.graduated')}
          value={formatNumber(total.graduated)}
          note={t('outcomes.summary.graduatedOf', { share: percent.format(total.graduatedShare) })}
        />
        <Stat
          label={t('outcomes.summary.independence')}
          value={
            total.medianDaysToIndependence === null
              ? t('outcomes.summary.none')
              : t('outcomes.summary.days', { n: formatNumber(total.medianDaysToIndependence) })
          }
        />
        <Stat label={t('outcomes.summary.overdue')} value={formatNumber(total.overdue)} />
      </SimpleGrid>
    </section>
  );
}

function FiguresTable({
  data,
  groupLabel,
}: {
  data: TOutcomesResponse;
  groupLabel: (key: string, label: string) => string;
}) {
  const { t } = useTranslation();
  const row = (r: TOutcomeFigures, label: string, isTotal = false) => (
    <Table.Tr key={r.key} fw={isTotal ? 700 : undefined}>
      <Table.Th scope="row" fw={isTotal ? 700 : 500}>
        {label}
      </Table.Th>
      <Table.Td ta="right" style={NOWRAP}>
        {formatNumber(r.followed)}
      </Table.Td>
      <Table.Td ta="right" style={NOWRAP}>
        {rupiahOrDash(r.medianFirstIncome)}
      </Table.Td>
      <Table.Td ta="right" style={NOWRAP}>
        {rupiahOrDash(r.medianLatestIncome)}
      </Table.Td>
      <Table.Td ta="right" style={NOWRAP}>
        {formatNumber(r.independent)}
      </Table.Td>
      <Table.Td ta="right" style={NOWRAP}>
        {formatNumber(r.graduated)}
      </Table.Td>
      <Table.Td ta="right" style={NOWRAP}>
        {percent.format(r.graduatedShare)}
      </Table.Td>
      <Table.Td ta="right" style={NOWRAP}>
        {r.medianDaysToIndependence === null ? '–' : formatNumber(r.medianDaysToIndependence)}
      </Table.Td>
      <Table.Td ta="right" style={NOWRAP}>
        {formatNumber(r.overdue)}
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Table.ScrollContainer
      minWidth={860}
      // A phone scrolls the table sideways: the region takes keyboard focus so it can be scrolled without a mouse.
      scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': t('outcomes.table.caption') } }}
    >
      <Table striped withTableBorder data-testid="outcomes-table">
        <Table.Caption>{t('outcomes.table.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`outcomes.groupBy.${data.groupBy}`)}</Table.Th>
            <Table.Th ta="right">{t('outcomes.table.followed')}</Table.Th>
            <Table.Th ta="right">{t('outcomes.table.first')}</Table.Th>
            <Table.Th ta="right">{t('outcomes.table.latest')}</Table.Th>
            <Table.Th ta="right">{t('outcomes.table.independent')}</Table.Th>
            <Table.Th ta="right">{t('outcomes.table.graduated')}</Table.Th>
            <Table.Th ta="right">{t('outcomes.table.share')}</Table.Th>
            <Table.Th ta="right">{t('outcomes.table.days')}</Table.Th>
            <Table.Th ta="right">{t('outcomes.table.overdue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.rows.map((r) => row(r, groupLabel(r.key, r.label)))}
          {row(data.total, t('outcomes.table.total'), true)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
