import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Alert, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatRupiah } from '../../lib/format.ts';
import { localDay } from './parts.tsx';

/** One survey on the chart: its income and the minimum wage that applied that day (null: not known). */
export type IncomePoint = {
  date: string;
  income: number;
  minimumWage: number | null;
  kind: 'UMP' | 'UMK' | null;
};

const ratioText = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });
const short = new Intl.NumberFormat('id-ID', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * The income trajectory against the minimum-wage line (and half of it, the "earning" threshold). Days with
 * no known minimum wage leave a gap in that line and are named below: "cannot be assessed", never a guess.
 * The same figures are in a table for screen readers and for anyone who prefers numbers.
 */
export function IncomeChart({ points, lowerRatio }: { points: IncomePoint[]; lowerRatio: number | null }) {
  const { t } = useTranslation();
  const titleId = useId();
  const withLower = lowerRatio !== null && points.some((p) => p.minimumWage !== null);
  const data = points.map((p) => ({
    day: formatDate(localDay(p.date)),
    income: p.income,
    minimumWage: p.minimumWage,
    ...(withLower ? { lower: p.minimumWage === null ? null : Math.round(p.minimumWage * lowerRatio) } : {}),
  }));
  const unknown = points.filter((p) => p.minimumWage === null);
  return (
    <Stack gap="xs" data-testid="income-chart">
      <Text fw={600} id={titleId}>
        {t('followup.roadmap.chartTitle')}
      </Text>
      <div role="img" aria-label={t('followup.roadmap.chartLabel', { count: points.length })}>
        <LineChart
          h={260}
          data={data}
          dataKey="day"
          curveType="linear"
          connectNulls={false}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          valueFormatter={(v) => formatRupiah(v)}
          lineChartProps={{ accessibilityLayer: false }}
          series={[
            { name: 'income', label: t('followup.roadmap.income'), color: 'blue.8' },
            {
              name: 'minimumWage',
              label: t('followup.roadmap.minimumWage'),
              color: 'red.8',
              strokeDasharray: '6 4',
            },
            ...(withLower
              ? [
                  {
                    name: 'lower',
                    label: t('followup.roadmap.lowerWage', { ratio: ratioText.format(lowerRatio) }),
                    color: 'orange.8',
                    strokeDasharray: '2 4',
                  },
                ]
              : []),
          ]}
          tickLine="y"
          gridAxis="y"
          xAxisProps={{ interval: 'preserveStartEnd' }}
          // Compact ticks ("2,4 jt") keep the axis narrow on a phone; the tooltip has full Rupiah.
          yAxisProps={{ width: 56, tickFormatter: (v: number) => short.format(v) }}
        />
      </div>
      {unknown.length ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} data-testid="cannot-assess">
          {t('followup.roadmap.cannotAssess', {
            dates: unknown.map((p) => formatDate(localDay(p.date))).join(', '),
          })}
        </Alert>
      ) : null}
      <details>
        <summary>
          <Text span size="sm">
            {t('followup.roadmap.showData')}
          </Text>
        </summary>
        <Table.ScrollContainer minWidth={320}>
          <Table verticalSpacing={4} aria-labelledby={titleId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('followup.roadmap.date')}</Table.Th>
                <Table.Th>{t('followup.roadmap.income')}</Table.Th>
                <Table.Th>{t('followup.roadmap.minimumWage')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two surveys may share a day
                <Table.Tr key={`${p.date}-${i}`}>
                  <Table.Td>{formatDate(localDay(p.date))}</Table.Td>
                  <Table.Td>{formatRupiah(p.income)}</Table.Td>
                  <Table.Td>
                    {p.minimumWage === null ? (
                      <Text size="sm" c="dimmed" component="span">
                        {t('followup.roadmap.cannotAssessShort')}
                      </Text>
                    ) : (
                      `${formatRupiah(p.minimumWage)}${p.kind ? ` (${p.kind})` : ''}`
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </details>
    </Stack>
  );
}
