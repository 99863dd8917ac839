import {
  DISABILITY_LEVELS,
  LOCATION_KINDS,
  MARITAL_STATUSES,
  PHONE_OWNERS,
  RELIGIONS,
  type TReferenceData,
} from '@atensi/contracts';
import {
  ActionIcon,
  Autocomplete,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaPicker } from '../../components/AreaPicker.tsx';
import { latestDateInIndonesia } from '../../lib/dates.ts';
import { type Draft, newKey, type PhoneDraft } from './form-model.ts';

export type SectionProps = {
  draft: Draft;
  set: <K extends keyof Draft>(k: K, v: Draft[K]) => void;
  errorOf: (field: string) => string | undefined;
};

const DISABILITY_TYPES = [
  'fisik',
  'intelektual',
  'mental',
  'sensorik netra',
  'sensorik rungu',
  'sensorik wicara',
  'ganda',
];

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

export function IdentitySection({
  draft,
  set,
  errorOf,
  nikHint,
}: SectionProps & { nikHint: string | undefined }) {
  const { t } = useTranslation();
  const text = (k: 'birthPlace' | 'motherName' | 'fullName', label: string, required = false) => (
    <TextInput
      label={label}
      value={draft[k]}
      onChange={(e) => set(k, e.currentTarget.value)}
      error={errorOf(k)}
      required={required}
    />
  );
  return (
    <Section id="sec-identity" title={t('people.sec.identity')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('people.nik')}
          description={nikHint ?? t('people.nikHint')}
          value={draft.nik}
          onChange={(e) => set('nik', e.currentTarget.value)}
          error={errorOf('nik')}
          inputMode="numeric"
          maxLength={20}
          autoComplete="off"
        />
        <TextInput
          label={t('people.kk')}
          description={t('people.kkHint')}
          value={draft.kkNo}
          onChange={(e) => set('kkNo', e.currentTarget.value)}
          error={errorOf('kkNo')}
          inputMode="numeric"
          maxLength={20}
          autoComplete="off"
        />
      </SimpleGrid>
      {draft.nik.trim() === '' ? (
        <TextInput
          label={t('people.noNikReason')}
          description={t('people.noNikReasonHint')}
          value={draft.noNikReason}
          onChange={(e) => set('noNikReason', e.currentTarget.value)}
          error={errorOf('noNikReason')}
        />
      ) : null}
      {text('fullName', t('people.fullName'), true)}
      <TagsInput
        label={t('people.aliases')}
        description={t('people.aliasesHint')}
        value={draft.aliases}
        onChange={(v) => set('aliases', v)}
        error={errorOf('aliases')}
        maxTags={20}
        clearable
      />
      <Radio.Group
        label={t('people.sexLabel')}
        value={draft.sex}
        onChange={(v) => set('sex', v === 'P' ? 'P' : 'L')}
        error={errorOf('sex')}
        required
      >
        <Group gap="lg" mt={4}>
          <Radio value="L" label={t('people.sex.L')} />
          <Radio value="P" label={t('people.sex.P')} />
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Stack gap={6}>
          <TextInput
            type="date"
            label={t('people.birthDate')}
            value={draft.birthDate}
            max={latestDateInIndonesia()}
            onChange={(e) => set('birthDate', e.currentTarget.value)}
            error={errorOf('birthDate')}
          />
          <Checkbox
            label={t('people.birthDateEstimated')}
            checked={draft.birthDateEstimated}
            onChange={(e) => set('birthDateEstimated', e.currentTarget.checked)}
          />
        </Stack>
        {text('birthPlace', t('people.birthPlace'))}
      </SimpleGrid>
      {text('motherName', t('people.motherName'))}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t('people.religion')}
          clearable
          value={draft.religion}
          onChange={(v) => set('religion', (v as Draft['religion']) ?? null)}
          data={RELIGIONS.map((r) => ({ value: r, label: t(`people.religions.${r}`) }))}
          error={errorOf('religion')}
        />
        <Select
          label={t('people.maritalStatus')}
          clearable
          value={draft.maritalStatus}
          onChange={(v) => set('maritalStatus', (v as Draft['maritalStatus']) ?? null)}
          data={MARITAL_STATUSES.map((m) => ({ value: m, label: t(`people.marital.${m}`) }))}
          error={errorOf('maritalStatus')}
        />
        <Select
          label={t('people.nationality')}
          value={draft.nationality}
          allowDeselect={false}
          onChange={(v) => set('nationality', v === 'WNA' ? 'WNA' : 'WNI')}
          data={[
            { value: 'WNI', label: t('people.nationalities.WNI') },
            { value: 'WNA', label: t('people.nationalities.WNA') },
          ]}
        />
      </SimpleGrid>
    </Section>
  );
}

export function AddressSection({ draft, set, errorOf }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Section id="sec-address" title={t('people.sec.address')}>
      <AreaPicker
        label={t('people.areaCode')}
        description={t('people.areaHint')}
        value={draft.areaCode}
        onChange={(code) => set('areaCode', code)}
        error={errorOf('areaCode')}
      />
      <TextInput
        label={t('people.street')}
        value={draft.street}
        onChange={(e) => set('street', e.currentTarget.value)}
        error={errorOf('street')}
      />
      <SimpleGrid cols={2} spacing="sm" maw={320}>
        <TextInput
          label="RT"
          value={draft.rt}
          onChange={(e) => set('rt', e.currentTarget.value)}
          error={errorOf('rt')}
          inputMode="numeric"
          maxLength={3}
        />
        <TextInput
          label="RW"
          value={draft.rw}
          onChange={(e) => set('rw', e.currentTarget.value)}
          error={errorOf('rw')}
          inputMode="numeric"
          maxLength={3}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('people.locationKind')}
          description={t('people.locationKindHint')}
          clearable
          value={draft.currentLocationKind}
          onChange={(v) => set('currentLocationKind', (v as Draft['currentLocationKind']) ?? null)}
          data={LOCATION_KINDS.map((k) => ({ value: k, label: t(`people.locationKinds.${k}`) }))}
        />
        <TextInput
          label={t('people.currentLocation')}
          value={draft.currentLocation}
          onChange={(e) => set('currentLocation', e.currentTarget.value)}
          error={errorOf('currentLocation')}
        />
      </SimpleGrid>
    </Section>
  );
}

export function PhonesSection({ draft, set, errorOf }: SectionProps) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<PhoneDraft>) =>
    set(
      'phones',
      draft.phones.map((p, j) => (j === i ? { ...p, ...patch } : p)),
    );
  return (
    <Section id="sec-phones" title={t('people.sec.phones')}>
      {draft.phones.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('people.noPhones')}
        </Text>
      ) : null}
      {draft.phones.map((p, i) => (
        <Group key={p.key} align="flex-start" gap="sm" wrap="wrap" data-testid="phone-row">
          <TextInput
            style={{ flex: '2 1 180px' }}
            type="tel"
            label={t('people.phoneN', { n: i + 1 })}
            placeholder="0812 3456 7890"
            value={p.phone}
            onChange={(e) => update(i, { phone: e.currentTarget.value })}
            error={errorOf(`phones.${i}.phone`)}
            required
          />
          <Select
            style={{ flex: '1 1 140px' }}
            label={t('people.phoneOwner')}
            value={p.owner}
            allowDeselect={false}
            onChange={(v) => update(i, { owner: (v as PhoneDraft['owner']) ?? 'self' })}
            data={PHONE_OWNERS.map((o) => ({ value: o, label: t(`people.owners.${o}`) }))}
          />
          {p.owner !== 'self' ? (
            <TextInput
              style={{ flex: '1 1 140px' }}
              label={t('people.relationship')}
              value={p.relationship}
              onChange={(e) => update(i, { relationship: e.currentTarget.value })}
              error={errorOf(`phones.${i}.relationship`)}
            />
          ) : null}
          <ActionIcon
            variant="subtle"
            color="red"
            mt={26}
            size="lg"
            aria-label={t('people.removePhone', { n: i + 1 })}
            onClick={() =>
              set(
                'phones',
                draft.phones.filter((_, j) => j !== i),
              )
            }
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {draft.phones.length < 10 ? (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() =>
            set('phones', [...draft.phones, { key: newKey(), phone: '', owner: 'self', relationship: '' }])
          }
        >
          {t('people.addPhone')}
        </Button>
      ) : null}
    </Section>
  );
}

export function CategoriesSection({
  draft,
  set,
  errorOf,
  reference,
}: SectionProps & { reference: TReferenceData | undefined }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Section id="sec-categories" title={t('people.sec.categories')}>
      <MultiSelect
        label={t('people.clusters')}
        searchable
        value={draft.clusters}
        onChange={(v) => set('clusters', v)}
        data={(reference?.clusters ?? [])
          .filter((c) => c.isActive || draft.clusters.includes(c.code))
          .map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameId }))}
        error={errorOf('clusters')}
        clearable
      />
      <MultiSelect
        label={t('people.ppksCategories')}
        searchable
        value={draft.ppks}
        onChange={(v) => set('ppks', v)}
        data={(reference?.ppks ?? []).map((p) => ({
          value: String(p.no),
          label: `${p.no}. ${en ? p.nameEn : p.nameId}`,
        }))}
        error={errorOf('ppks')}
        clearable
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Autocomplete
          label={t('people.disabilityType')}
          value={draft.disabilityType}
          onChange={(v) => set('disabilityType', v)}
          data={DISABILITY_TYPES}
          error={errorOf('disabilityType')}
        />
        <Select
          label={t('people.disabilityLevel')}
          clearable
          value={draft.disabilityLevel}
          onChange={(v) => set('disabilityLevel', (v as Draft['disabilityLevel']) ?? null)}
          data={DISABILITY_LEVELS.map((l) => ({ value: l, label: t(`people.disabilityLevels.${l}`) }))}
          error={errorOf('disabilityLevel')}
        />
      </SimpleGrid>
    </Section>
  );
}
