import {
  Anchor,
  Autocomplete,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLink, IconLinkOff, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePersonLookup } from './api.ts';
import { newKey, type RelationDraft } from './form-model.ts';
import { Section, type SectionProps } from './form-sections.tsx';

const RELATIONSHIPS = [
  'ibu',
  'ayah',
  'suami',
  'istri',
  'anak',
  'kakak',
  'adik',
  'kakek',
  'nenek',
  'paman',
  'bibi',
  'wali',
];

export function RelationsSection({ draft, set, errorOf, selfId }: SectionProps & { selfId: string | null }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<RelationDraft>) =>
    set(
      'relations',
      draft.relations.map((r, j) => (j === i ? { ...r, ...patch } : r)),
    );
  return (
    <Section id="sec-family" title={t('people.sec.family')}>
      {draft.relations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('people.noRelations')}
        </Text>
      ) : null}
      {draft.relations.map((r, i) => (
        <Card key={r.key} withBorder padding="sm" bg="gray.0" data-testid="relation-row">
          <Stack gap="xs">
            {r.relatedPersonId ? (
              <Group gap="xs" wrap="wrap">
                <IconLink size={16} aria-hidden />
                <Text size="sm">
                  {t('people.linkedTo')}{' '}
                  <Anchor component={Link} to={`/pm/${r.relatedPersonId}`} target="_blank">
                    {r.relatedName || t('people.registeredPerson')}
                  </Anchor>
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconLinkOff size={14} aria-hidden />}
                  onClick={() => update(i, { relatedPersonId: null, name: r.relatedName, relatedName: '' })}
                >
                  {t('people.unlink')}
                </Button>
              </Group>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label={t('people.relativeName', { n: i + 1 })}
                  value={r.name}
                  onChange={(e) => update(i, { name: e.currentTarget.value })}
                  error={errorOf(`relations.${i}.name`) ?? errorOf(`relations.${i}.relatedPersonId`)}
                />
                <PersonPicker
                  label={t('people.pickRegistered', { n: i + 1 })}
                  excludeId={selfId}
                  onPick={(id, name) => update(i, { relatedPersonId: id, relatedName: name, name: '' })}
                />
              </SimpleGrid>
            )}
            <Group align="flex-start" gap="sm" wrap="wrap">
              <Autocomplete
                style={{ flex: '1 1 160px' }}
                label={t('people.relationshipN', { n: i + 1 })}
                value={r.relationship}
                onChange={(v) => update(i, { relationship: v })}
                data={RELATIONSHIPS}
                error={errorOf(`relations.${i}.relationship`)}
                required
              />
              <TextInput
                style={{ flex: '1 1 160px' }}
                type="tel"
                label={t('people.relativePhone', { n: i + 1 })}
                value={r.phone}
                onChange={(e) => update(i, { phone: e.currentTarget.value })}
                error={errorOf(`relations.${i}.phone`)}
              />
            </Group>
            <Group justify="space-between">
              <Checkbox
                label={t('people.isGuardian')}
                checked={r.isGuardian}
                onChange={(e) => update(i, { isGuardian: e.currentTarget.checked })}
              />
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} aria-hidden />}
                onClick={() =>
                  set(
                    'relations',
                    draft.relations.filter((_, j) => j !== i),
                  )
                }
              >
                {t('people.removeRelation', { n: i + 1 })}
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
      {draft.relations.length < 30 ? (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() =>
            set('relations', [
              ...draft.relations,
              {
                key: newKey(),
                relatedPersonId: null,
                relatedName: '',
                name: '',
                relationship: '',
                isGuardian: false,
                phone: '',
              },
            ])
          }
        >
          {t('people.addRelation')}
        </Button>
      ) : null}
    </Section>
  );
}

/** Search registered people by name (typos tolerated) and pick one. */
function PersonPicker({
  label,
  excludeId,
  onPick,
}: {
  label: string;
  excludeId: string | null;
  onPick: (id: string, name: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const lookup = usePersonLookup(debounced);
  const items = (lookup.data?.items ?? []).filter((p) => p.id !== excludeId);
  return (
    <Select
      label={label}
      placeholder={t('people.pickPlaceholder')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      value={null}
      filter={({ options }) => options}
      nothingFoundMessage={debounced.length >= 2 && !lookup.isFetching ? t('people.noResults') : undefined}
      data={items.map((p) => ({
        value: p.id,
        label: `${p.fullName} · ${p.registeredUnit.code}${p.birthDate ? ` · ${p.birthDate}` : ''}`,
      }))}
      onChange={(id) => {
        const p = items.find((x) => x.id === id);
        if (p) onPick(p.id, p.fullName);
        setSearch('');
      }}
    />
  );
}
