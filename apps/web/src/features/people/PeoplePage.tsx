import type { TPersonSummary } from '@atensi/contracts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAdjustments, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { AreaPicker } from '../../components/AreaPicker.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatNumber } from '../../lib/format.ts';
import {
  PEOPLE_WRITER_ROLES,
  type PeopleFilters,
  usePeopleSearch,
  useReferenceData,
  useUnitOptions,
} from './api.ts';
import { ExportMenu } from './ImportPage.tsx';
import { MERGE_ROLES } from './merge-api.ts';
import { useSexAge, WarningBadges } from './parts.tsx';

const FILTER_KEYS = ['unit', 'cluster', 'ppks', 'area', 'sex', 'ageMin', 'ageMax'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The search and filters live in the address, so "back" from a person returns to the same results. */
function useFilterParams() {
  const [params, setParams] = useSearchParams();
  const get = (k: FilterKey | 'q') => params.get(k) ?? '';
  const set = (changes: Partial<Record<FilterKey | 'q', string | null>>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  const num = (k: FilterKey) => (get(k) && Number.isFinite(Number(get(k))) ? Number(get(k)) : undefined);
  const sex = get('sex');
  const filters: PeopleFilters = {
    ...(get('q') ? { q: get('q') } : {}),
    ...(get('unit') ? { unit: get('unit') } : {}),
    ...(get('cluster') ? { cluster: get('cluster') } : {}),
    ...(num('ppks') !== undefined ? { ppks: num('ppks') } : {}),
    ...(get('area') ? { area: get('area') } : {}),
    ...(sex === 'L' || sex === 'P' ? { sex } : {}),
    ...(num('ageMin') !== undefined ? { ageMin: num('ageMin') } : {}),
    ...(num('ageMax') !== undefined ? { ageMax: num('ageMax') } : {}),
  };
  const activeCount = FILTER_KEYS.filter((k) => get(k)).length;
  return { get, set, filters, activeCount };
}

export default function PeoplePage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const isWide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const { get, set, filters, activeCount } = useFilterParams();
  const [q, setQ] = useState(get('q'));
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [showFilters, setShowFilters] = useState(isWide || activeCount > 0);
  const isHq = !me?.unit;
  const reference = useReferenceData();
  const units = useUnitOptions(isHq);
  const mayRegister = me ? PEOPLE_WRITER_ROLES.includes(me.role) : false;

  // biome-ignore lint/correctness/useExhaustiveDependencies: write the debounced text only when it changes
  useEffect(() => {
    if (debouncedQ !== get('q')) set({ q: debouncedQ || null });
  }, [debouncedQ]);

  const search = usePeopleSearch(filters);
  const items = search.data?.pages.flatMap((p) => p.items) ?? [];
  const first = search.data?.pages[0];
  const isSearching = Boolean(filters.q) || activeCount > 0;
  const isTyping = q.trim() !== debouncedQ;
  const lang = i18n.language === 'en' ? 'en' : 'id';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <PageTitle>{t('people.title')}</PageTitle>
        <Group gap="xs">
          {me && MERGE_ROLES.includes(me.role) ? (
            <Button component={Link} to="/pm/duplikat" variant="default">
              {t('peopleMerge.link')}
            </Button>
          ) : null}
          <ExportMenu filters={filters} />
          {mayRegister ? (
            <Button component={Link} to="/pm/impor" variant="default">
              {t('peopleImport.link')}
            </Button>
          ) : null}
          {mayRegister ? (
            <Button component={Link} to="/pm/baru" leftSection={<IconUserPlus size={16} aria-hidden />}>
              {t('people.register')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label={t('people.search')}
          description={t('people.searchHint')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={isTyping || search.isFetching ? <Loader size={14} aria-hidden /> : null}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          type="search"
          autoComplete="off"
        />
        <Button
          variant={showFilters ? 'light' : 'default'}
          leftSection={<IconAdjustments size={16} aria-hidden />}
          onClick={() => setShowFilters((s) => !s)}
          aria-expanded={showFilters}
          aria-controls="people-filters"
        >
          {t('people.filters')}
          {activeCount ? ` (${activeCount})` : ''}
        </Button>
      </Group>
      <Collapse in={showFilters} id="people-filters">
        <Paper withBorder p="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            {isHq ? (
              <Select
                label={t('people.unit')}
                placeholder={t('people.anyUnit')}
                clearable
                searchable
                value={get('unit') || null}
                onChange={(v) => set({ unit: v })}
                data={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))}
              />
            ) : null}
            <Select
              label={t('people.cluster')}
              placeholder={t('people.anyCluster')}
              clearable
              value={get('cluster') || null}
              onChange={(v) => set({ cluster: v })}
              data={(reference.data?.clusters ?? []).map((c) => ({
                value: c.code,
                label: lang === 'en' ? c.nameEn : c.nameId,
              }))}
            />
            <Select
              label={t('people.ppks')}
              placeholder={t('people.anyPpks')}
              clearable
              searchable
              value={get('ppks') || null}
              onChange={(v) => set({ ppks: v })}
              data={(reference.data?.ppks ?? []).map((p) => ({
                value: String(p.no),
                label: `${p.no}. ${lang === 'en' ? p.nameEn : p.nameId}`,
              }))}
            />
            <AreaPicker
              label={t('people.area')}
              value={get('area') || null}
              onChange={(code) => set({ area: code })}
            />
            <Select
              label={t('people.sexLabel')}
              placeholder={t('people.anySex')}
              clearable
              value={get('sex') || null}
              onChange={(v) => set({ sex: v })}
              data={[
                { value: 'L', label: t('people.sex.L') },
                { value: 'P', label: t('people.sex.P') },
              ]}
            />
            <Group gap="xs" grow align="flex-start">
              <NumberInput
                label={t('people.ageMin')}
                min={0}
                max={130}
                allowDecimal={false}
                allowNegative={false}
                value={get('ageMin')}
                onChange={(v) => set({ ageMin: v === '' ? null : String(v) })}
              />
              <NumberInput
                label={t('people.ageMax')}
                min={0}
                max={130}
                allowDecimal={false}
                allowNegative={false}
                value={get('ageMax')}
                onChange={(v) => set({ ageMax: v === '' ? null : String(v) })}
              />
            </Group>
          </SimpleGrid>
          {activeCount ? (
            <Button
              mt="sm"
              size="xs"
              variant="subtle"
              onClick={() => set(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))}
            >
              {t('people.clearFilters')}
            </Button>
          ) : null}
        </Paper>
      </Collapse>

      {search.isPending ? (
        <LoadingState rows={6} />
      ) : search.isError && !search.data ? (
        <ErrorState error={search.error} onRetry={() => void search.refetch()} />
      ) : items.length === 0 ? (
        isSearching ? (
          <Stack align="center" gap={4}>
            <EmptyState text={t('people.noResults')} />
            <Text size="sm" c="dimmed" ta="center" mt={-16}>
              {t('people.noResultsHint')}
            </Text>
          </Stack>
        ) : (
          <Stack align="center" gap="xs">
            <EmptyState text={t('people.empty')} />
            {mayRegister ? (
              <Button component={Link} to="/pm/baru" variant="light">
                {t('people.register')}
              </Button>
            ) : null}
          </Stack>
        )
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="people-total">
            {first?.totalIsCapped
              ? t('people.totalCapped', { count: formatNumber(first.total) })
              : t('people.total', { count: first?.total ?? 0, formatted: formatNumber(first?.total ?? 0) })}
          </Text>
          {first?.searchedFor ? (
            <Text size="sm" data-testid="people-searched-for">
              {t('people.searchedFor', { text: first.searchedFor })}
            </Text>
          ) : null}
          {isWide ? <ResultTable items={items} /> : <ResultCards items={items} />}
          {search.isError ? (
            <ErrorState error={search.error} onRetry={() => void search.fetchNextPage()} />
          ) : null}
          {search.hasNextPage ? (
            <Button
              variant="default"
              onClick={() => void search.fetchNextPage()}
              loading={search.isFetchingNextPage}
              style={{ alignSelf: 'center' }}
            >
              {t('people.loadMore')}
            </Button>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}

function ResultTable({ items }: { items: TPersonSummary[] }) {
  const { t } = useTranslation();
  const sexAge = useSexAge();
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('people.results')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('people.name')}</Table.Th>
              <Table.Th>{t('people.nik')}</Table.Th>
              <Table.Th>{t('people.sexAge')}</Table.Th>
              <Table.Th>{t('people.area')}</Table.Th>
              <Table.Th>{t('people.unit')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id} data-testid="person-row">
                <Table.Td>
                  <Anchor component={Link} to={`/pm/${p.id}`} fw={600}>
                    {p.fullName}
                  </Anchor>
                  {p.aliases.length ? (
                    <Text size="xs" c="dimmed">
                      {t('people.aka')} {p.aliases.join(', ')}
                    </Text>
                  ) : null}
                  <WarningBadges warnings={p.warnings} size="xs" />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {p.nik ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{sexAge(p)}</Table.Td>
                <Table.Td>{p.areaName ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" size="sm">
                    {p.registeredUnit.code}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function ResultCards({ items }: { items: TPersonSummary[] }) {
  const { t } = useTranslation();
  const sexAge = useSexAge();
  return (
    <Stack
      gap="xs"
      component="ul"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
      aria-label={t('people.results')}
    >
      {items.map((p) => (
        <Card key={p.id} withBorder padding="sm" component="li" data-testid="person-card">
          <Anchor component={Link} to={`/pm/${p.id}`} fw={600}>
            {p.fullName}
          </Anchor>
          {p.aliases.length ? (
            <Text size="xs" c="dimmed">
              {t('people.aka')} {p.aliases.join(', ')}
            </Text>
          ) : null}
          <Text size="sm">
            {sexAge(p)}
            {p.nik ? ` · NIK ${p.nik}` : ''}
          </Text>
          <Text size="xs" c="dimmed">
            {[p.areaName, p.registeredUnit.code].filter(Boolean).join(' · ')}
          </Text>
          <WarningBadges warnings={p.warnings} size="xs" />
        </Card>
      ))}
    </Stack>
  );
}
