import '@mantine/charts/styles.css';
import type { TOutcomesResponse } from '@atensi/contracts';
import { BarChart, LineChart } from '@mantine/charts';
import { Card, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatRupiah } from '../../lib/format.ts';

const compact = new Intl.NumberFormat('id-ID', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 });
const LEVEL_COLORS = ['gray.5', 'red.6', 'orange.6', 'yellow.7', 'teal.6', 'blue.7', 'grape.7', 'indigo.8'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

/** "2026-03" as "Mar 2026" (Indonesian month abbreviations). */
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(0, 4)}`;
}

/** Long unit names are cut on the chart axes; the table shows them whole. */
const short = (s: string) => (s.length > 26 ? `${s.slice(0, 25)}…` : s);

function ChartCard({ title, label, children }: { title: string; label: string; children: ReactNode }) {
  return (
    <Card withBorder padding="sm">
      <Text fw={600} mb="xs">
        {title}
      </Text>
      <div role="img" aria-label={label}>
        {children}
      </div>
    </Card>
  );
}

type Props = { data: TOutcomesResponse; groupLabel: (key: string, label: string) => string };

/** One chart for each figure: levels, incomes, graduation, time to independence, overdue, and the trend. */
export function OutcomeCharts({ data, groupLabel }: Props) {
  const { t, i18n } = useTranslation();
  const rows = data.rows.map((r) => ({ ...r, name: short(groupLabel(r.key, r.label)) }));
  const height = Math.max(160, rows.length * 28 + 60);
  const levels = [
    ...new Set([...data.ladder.map((l) => l.level), ...data.total.levels.map((l) => l.level)]),
  ].sort((a, b) => a - b);
  const levelName = (level: number) => {
    const l = data.ladder.find((x) => x.level === level);
    if (!l) return level < 0 ? t('outcomes.charts.noLevel') : t('outcomes.charts.level', { level });
    return `${level}. ${i18n.language === 'en' ? l.nameEn : l.nameId}`;
  };
  const levelRows = [...rows, { ...data.total, name: t('outcomes.table.total') }].map((r) => ({
    name: r.name,
    ...Object.fromEntries(levels.map((l) => [`l${l}`, r.levels.find((x) => x.level === l)?.count ?? 0])),
  }));
  const common = {
    dataKey: 'name',
    orientation: 'vertical' as const,
    gridAxis: 'x' as const,
    yAxisProps: { width: 120 },
    barChartProps: { accessibilityLayer: false },
  };
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" data-testid="outcome-charts">
      <ChartCard title={t('outcomes.charts.levels')} label={t('outcomes.charts.levelsLabel')}>
        <BarChart
          {...common}
          h={height + 110}
          data={levelRows}
          type="percent"
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          series={levels.map((l, i) => ({
            name: `l${l}`,
            label: levelName(l),
            color: LEVEL_COLORS[i % LEVEL_COLORS.length] ?? 'gray.5',
          }))}
          valueFormatter={(v) => formatNumber(v)}
        />
      </ChartCard>
      <ChartCard title={t('outcomes.charts.income')} label={t('outcomes.charts.incomeLabel')}>
        <BarChart
          {...common}
          h={height + 60}
          data={rows.map((r) => ({
            name: r.name,
            first: r.medianFirstIncome ?? 0,
            latest: r.medianLatestIncome ?? 0,
          }))}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          series={[
            { name: 'first', label: t('outcomes.charts.first'), color: 'gray.6' },
            { name: 'latest', label: t('outcomes.charts.latest'), color: 'teal.7' },
          ]}
          valueFormatter={(v) => formatRupiah(v)}
          xAxisProps={{ tickFormatter: (v: number) => compact.format(v) }}
        />
      </ChartCard>
      <ChartCard title={t('outcomes.charts.graduated')} label={t('outcomes.charts.graduatedLabel')}>
        <BarChart
          {...common}
          h={height}
          data={rows.map((r) => ({ name: r.name, share: r.graduatedShare }))}
          series={[{ name: 'share', label: t('outcomes.charts.graduated'), color: 'blue.7' }]}
          valueFormatter={(v) => percent.format(v)}
          xAxisProps={{ domain: [0, 1], tickFormatter: (v: number) => percent.format(v) }}
        />
      </ChartCard>
      <ChartCard title={t('outcomes.charts.days')} label={t('outcomes.charts.daysLabel')}>
        <BarChart
          {...common}
          h={height}
          data={rows.map((r) => ({ name: r.name, days: r.medianDaysToIndependence ?? 0 }))}
          series={[{ name: 'days', label: t('outcomes.charts.days'), color: 'grape.7' }]}
          valueFormatter={(v) => t('outcomes.summary.days', { n: formatNumber(v) })}
        />
      </ChartCard>
      <ChartCard title={t('outcomes.charts.overdue')} label={t('outcomes.charts.overdueLabel')}>
        <BarChart
          {...common}
          h={height}
          data={rows.map((r) => ({ name: r.name, overdue: r.overdue }))}
          series={[{ name: 'overdue', label: t('outcomes.charts.overdue'), color: 'red.7' }]}
          valueFormatter={(v) => formatNumber(v)}
        />
      </ChartCard>
      <ChartCard title={t('outcomes.charts.trend')} label={t('outcomes.charts.trendLabel')}>
        <LineChart
          h={280}
          data={data.trend.map((m) => ({ ...m, month: monthLabel(m.month) }))}
          dataKey="month"
          curveType="linear"
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          lineChartProps={{ accessibilityLayer: false }}
          series={[
            { name: 'intake', label: t('outcomes.charts.intake'), color: 'gray.7' },
            { name: 'independent', label: t('outcomes.charts.independent'), color: 'teal.7' },
            { name: 'graduated', label: t('outcomes.charts.graduatedLine'), color: 'blue.8' },
          ]}
          valueFormatter={(v) => formatNumber(v)}
          xAxisProps={{ interval: 'preserveStartEnd' }}
          yAxisProps={{ width: 48 }}
        />
      </ChartCard>
    </SimpleGrid>
  );
}
