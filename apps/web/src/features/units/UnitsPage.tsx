import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMapSearch, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatNumber } from '../../lib/format.ts';
import { CreateUnitButton } from './admin.tsx';
import { PAGE, useProvinces, useReference, useUnits } from './api.ts';
import { MatrixView } from './MatrixView.tsx';

function UnitList() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [province, setProvince] = useState<string | null>(null);
  const [cluster, setCluster] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const units = useUnits({
    offset,
    ...(debouncedQ ? { q: debouncedQ } : {}),
    ...(province ? { province } : {}),
    ...(cluster ? { cluster } : {}),
  });
  const reference = useReference();
  const provinces = useProvinces();
  const clusterName = (code: string) => {
    const c = reference.data?.clusters.find((x) => x.code === code);
    return c ? (i18n.language === 'en' ? c.nameEn : c.nameId) : code;
  };

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          label={t('units.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setOffset(0);
          }}
        />
        <Select
          label={t('units.province')}
          clearable
          searchable
          value={province}
          onChange={(v) => {
            setProvince(v);
            setOffset(0);
          }}
          data={(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
        />
        <Select
          label={t('units.cluster')}
          placeholder={t('units.anyCluster')}
          clearable
          value={cluster}
          onChange={(v) => {
            setCluster(v);
            setOffset(0);
          }}
          data={(reference.data?.clusters ?? []).map((c) => ({ value: c.code, label: clusterName(c.code) }))}
        />
      </SimpleGrid>
      {units.isPending ? (
        <LoadingState rows={8} />
      ) : units.isError ? (
        <ErrorState error={units.error} onRetry={() => void units.refetch()} />
      ) : units.data.items.length === 0 ? (
        <EmptyState text={t('units.none')} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('units.list')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('units.code')}</Table.Th>
                  <Table.Th>{t('units.name')}</Table.Th>
                  <Table.Th>{t('units.city')}</Table.Th>
                  <Table.Th>{t('units.province')}</Table.Th>
                  <Table.Th ta="right">{t('units.beds')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {units.data.items.map((u) => (
                  <Table.Tr key={u.id} data-testid="unit-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/unit/${u.id}`} fw={600}>
                        {u.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{u.name}</Text>
                      <Group gap={4} mt={2}>
                        {u.isArchived ? (
                          <Badge size="xs" variant="outline" color="gray">
                            {u.mergedIntoCode
                              ? t('units.mergedInto', { code: u.mergedIntoCode })
                              : t('units.archived')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{u.city}</Table.Td>
                    <Table.Td>{u.provinceName ?? u.provinceCode}</Table.Td>
                    <Table.Td ta="right">{formatNumber(u.residentialCapacity)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {units.data && units.data.total > 0 ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('units.total', { count: units.data.total })}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t('units.prev')}
            </Button>
            <Button
              variant="default"
              size="xs"
              disabled={offset + PAGE >= units.data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('units.next')}
            </Button>
          </Group>
        </Group>
      ) : null}
    </Stack>
  );
}

export default function UnitsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <PageTitle>{t('units.title')}</PageTitle>
        <Group gap="sm">
          <Button
            component={Link}
            to="/unit/terdekat"
            variant="default"
            leftSection={<IconMapSearch size={16} aria-hidden />}
          >
            {t('nearest.title')}
          </Button>
          {me?.role === 'admin' ? <CreateUnitButton /> : null}
        </Group>
      </Group>
      <Tabs defaultValue="list" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="list">{t('units.list')}</Tabs.Tab>
          <Tabs.Tab value="matrix">{t('units.matrix')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="md">
          <UnitList />
        </Tabs.Panel>
        <Tabs.Panel value="matrix" pt="md">
          <MatrixView />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
