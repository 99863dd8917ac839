import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { useMatrix } from './api.ts';

/** Units × clusters: which unit serves whom, how, and with how many free beds; and the gaps. */
export function MatrixView() {
  const { t, i18n } = useTranslation();
  const matrix = useMatrix();
  if (matrix.isPending) return <LoadingState rows={10} />;
  if (matrix.isError) return <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />;
  const { clusters, units, gaps } = matrix.data;
  if (units.length === 0) return <EmptyState text={t('units.none')} />;
  const clusterName = (code: string) => {
    const c = clusters.find((x) => x.code === code);
    return c ? (i18n.language === 'en' ? c.nameEn : c.nameId) : code;
  };
  const modeLetter = {
    residential: 'R',
    family: i18n.language === 'en' ? 'F' : 'K',
    community: i18n.language === 'en' ? 'C' : 'M',
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600} data-testid="matrix-count">
          {t('units.matrixCount', { units: units.length, clusters: clusters.length })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('units.legend')}
        </Text>
      </Group>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table withColumnBorders verticalSpacing={4} horizontalSpacing="xs" aria-label={t('units.matrix')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('units.code')}</Table.Th>
                {clusters.map((c) => (
                  <Table.Th key={c.code} style={{ fontSize: 12, minWidth: 90 }}>
                    {clusterName(c.code)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Tooltip label={u.name}>
                      <Anchor component={Link} to={`/unit/${u.id}`} size="sm" fw={600}>
                        {u.code}
                      </Anchor>
                    </Tooltip>
                  </Table.Td>
                  {clusters.map((c) => {
                    const cell = u.cells[c.code];
                    return (
                      <Table.Td key={c.code} data-testid={`cell-${u.code}-${c.code}`}>
                        {cell ? (
                          <Group gap={2} wrap="nowrap">
                            {cell.modes.map((m) => (
                              <Badge
                                key={m}
                                size="xs"
                                variant={m === 'residential' ? 'filled' : 'outline'}
                                radius="sm"
                              >
                                {m === 'residential' && cell.residentialCapacity > 0
                                  ? `R ${cell.residentialFree}/${cell.residentialCapacity}`
                                  : modeLetter[m]}
                              </Badge>
                            ))}
                          </Group>
                        ) : (
                          <Text size="xs" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <section aria-labelledby="gaps-title">
        <Title order={2} size="h5" id="gaps-title" mb="xs">
          {t('units.gaps')}
        </Title>
        {gaps.length === 0 ? (
          <Text size="sm">{t('units.noGaps')}</Text>
        ) : (
          <Stack gap={4}>
            {gaps.map((g) => (
              <Text size="sm" key={g.provinceCode}>
                <b>{g.provinceName}</b>: {g.missingClusters.map(clusterName).join(', ')}
              </Text>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
