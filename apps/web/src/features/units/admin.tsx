import { type TUnit, UNIT_TYPES, ZCreateUnitRequest } from '@atensi/contracts';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArchive, IconArrowMerge, IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { AreaPicker } from '../../components/AreaPicker.tsx';
import { notify } from '../../components/notify.ts';
import { ErrorState } from '../../components/states.tsx';
import { useAllUnits, useCreateUnit, useReference, useRetireUnit } from './api.ts';

/** Server field messages for issues the service names by code, in the reader's language. */
const ISSUE_KEYS: Record<string, string> = {
  unknown_area: 'area.unknown',
  unknown_cluster: 'unitAdmin.invalid.originalCluster',
  unknown_unit: 'unitAdmin.invalid.intoUnitId',
  same_unit: 'unitAdmin.invalid.sameUnit',
};

/** The message to show under one field: the form's own check first, then the API's answer. */
function useFieldErrors(local: Record<string, string>, error: unknown) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : null;
  return (field: string): string | undefined => {
    if (local[field]) return local[field];
    const d = api?.details.find((x) => x.field === field);
    if (!d) return undefined;
    const key = ISSUE_KEYS[d.issue];
    return key ? t(key) : d.message;
  };
}

/** A form-level alert for what no field can show: conflicts, refusals, network. */
function FormError({ error, fieldsShown }: { error: unknown; fieldsShown: boolean }) {
  if (!error) return null;
  if (error instanceof ApiError && error.details.length && fieldsShown) {
    return (
      <Alert color="red" role="alert">
        {error.message}
      </Alert>
    );
  }
  return <ErrorState error={error} />;
}

type Draft = {
  code: string;
  name: string;
  type: string | null;
  regencyCode: string | null;
  city: string;
  lat: number | '';
  lon: number | '';
  originalCluster: string | null;
  address: string;
  phone: string;
  email: string;
  headName: string;
};
const EMPTY: Draft = {
  code: '',
  name: '',
  type: null,
  regencyCode: null,
  city: '',
  lat: '',
  lon: '',
  originalCluster: null,
  address: '',
  phone: '',
  email: '',
  headName: '',
};

/** "Kota Surabaya" → "Surabaya", "Kabupaten Gowa" → "Gowa": the city a unit is known by. */
const cityOf = (regencyName: string) => regencyName.replace(/^(Kota|Kabupaten|Kab\.)\s+/i, '');

function CreateUnitForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const reference = useReference();
  const create = useCreateUnit();
  const [d, setD] = useState<Draft>(EMPTY);
  const [local, setLocal] = useState<Record<string, string>>({});
  const fieldError = useFieldErrors(local, create.error);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const taken = create.error instanceof ApiError && create.error.code === 'UNIT_CODE_TAKEN';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const opt = (s: string) => s.trim() || null;
    const body = {
      code: d.code,
      name: d.name,
      type: d.type ?? undefined,
      regencyCode: d.regencyCode ?? undefined,
      city: d.city,
      lat: d.lat === '' ? undefined : d.lat,
      lon: d.lon === '' ? undefined : d.lon,
      originalCluster: d.originalCluster,
      address: opt(d.address),
      phone: opt(d.phone),
      email: opt(d.email),
      headName: opt(d.headName),
    };
    // One schema, one truth: the same contract the API validates with.
    const parsed = ZCreateUnitRequest.safeParse(body);
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        errs[field] ??= t(`unitAdmin.invalid.${field}`, { defaultValue: t('unitAdmin.invalid.generic') });
      }
      setLocal(errs);
      return;
    }
    setLocal({});
    create.mutate(parsed.data, {
      onSuccess: (unit) => {
        notify(t('unitAdmin.created', { code: unit.code }));
        onDone();
        void navigate(`/unit/${unit.id}`);
      },
    });
  };

  const text = (k: 'code' | 'name' | 'city' | 'address' | 'phone' | 'email' | 'headName', type = 'text') => (
    <TextInput
      label={t(`unitAdmin.field.${k}`)}
      type={type}
      required={k === 'code' || k === 'name' || k === 'city'}
      value={d[k]}
      onChange={(e) => set(k, k === 'code' ? e.currentTarget.value.toUpperCase() : e.currentTarget.value)}
      error={k === 'code' && taken ? (create.error as ApiError).message : fieldError(k)}
      description={k === 'code' ? t('unitAdmin.codeHelp') : undefined}
    />
  );

  return (
    <form onSubmit={submit} noValidate aria-label={t('unitAdmin.create')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text('code')}
          <Select
            label={t('unitAdmin.field.type')}
            required
            value={d.type}
            onChange={(v) => set('type', v)}
            data={UNIT_TYPES.map((x) => ({ value: x, label: t(`unitAdmin.types.${x}`) }))}
            error={fieldError('type')}
          />
        </SimpleGrid>
        {text('name')}
        <AreaPicker
          label={t('unitAdmin.field.regencyCode')}
          levels={['regency']}
          required
          value={d.regencyCode}
          onChange={(code, area) => {
            setD((x) => ({ ...x, regencyCode: code, city: x.city || (area ? cityOf(area.name) : '') }));
          }}
          error={fieldError('regencyCode')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {text('city')}
          <NumberInput
            label={t('unitAdmin.field.lat')}
            required
            decimalScale={6}
            decimalSeparator=","
            value={d.lat}
            onChange={(v) => set('lat', typeof v === 'number' ? v : '')}
            error={fieldError('lat')}
          />
          <NumberInput
            label={t('unitAdmin.field.lon')}
            required
            decimalScale={6}
            decimalSeparator=","
            value={d.lon}
            onChange={(v) => set('lon', typeof v === 'number' ? v : '')}
            error={fieldError('lon')}
          />
        </SimpleGrid>
        <Select
          label={t('unitAdmin.field.originalCluster')}
          clearable
          value={d.originalCluster}
          onChange={(v) => set('originalCluster', v)}
          data={(reference.data?.clusters ?? []).map((c) => ({
            value: c.code,
            label: i18n.language === 'en' ? c.nameEn : c.nameId,
          }))}
          error={fieldError('originalCluster')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text('headName')}
          {text('phone', 'tel')}
          {text('email', 'email')}
          {text('address')}
        </SimpleGrid>
        {taken ? null : <FormError error={create.error} fieldsShown />}
        <Text size="xs" c="dimmed">
          {t('unitAdmin.createNote')}
        </Text>
        <Group gap="sm">
          <Button type="submit" loading={create.isPending}>
            {t('unitAdmin.create')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('units.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Tambah unit" button with its form; for admins. */
export function CreateUnitButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const isPhone = useMediaQuery('(max-width: 48em)');
  return (
    <>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpened(true)}>
        {t('unitAdmin.create')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('unitAdmin.create')}
        size="lg"
        fullScreen={isPhone}
        closeButtonProps={{ 'aria-label': t('units.cancel') }}
      >
        <CreateUnitForm onDone={() => setOpened(false)} />
      </Modal>
    </>
  );
}

function ArchiveForm({ unit, onDone }: { unit: TUnit; onDone: () => void }) {
  const { t } = useTranslation();
  const archive = useRetireUnit(unit.id, 'archive');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const fieldError = useFieldErrors(local, archive.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setLocal({ reason: t('unitAdmin.invalid.reason') });
      return;
    }
    setLocal({});
    archive.mutate(
      { version: unit.version, reason: reason.trim() },
      {
        onSuccess: () => {
          notify(t('unitAdmin.archived', { code: unit.code }));
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('unitAdmin.archiveExplain')}</Text>
        {unit.staffCount > 0 ? (
          <Alert color="yellow">{t('unitAdmin.archiveHasStaff', { count: unit.staffCount })}</Alert>
        ) : null}
        <Textarea
          label={t('unitAdmin.reason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError('reason')}
        />
        <FormError error={archive.error} fieldsShown={Boolean(fieldError('reason'))} />
        <Group gap="sm">
          <Button type="submit" color="red" loading={archive.isPending}>
            {t('unitAdmin.archiveConfirm', { code: unit.code })}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('units.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MergeForm({ unit, onDone }: { unit: TUnit; onDone: () => void }) {
  const { t } = useTranslation();
  const units = useAllUnits();
  const merge = useRetireUnit(unit.id, 'merge');
  const [into, setInto] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [moveUsers, setMoveUsers] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const fieldError = useFieldErrors(local, merge.error);
  const targets = (units.data?.items ?? []).filter((u) => u.id !== unit.id && !u.isArchived);
  const target = targets.find((u) => u.id === into);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!into) errs.intoUnitId = t('unitAdmin.invalid.intoUnitId');
    if (note.trim().length < 3) errs.note = t('unitAdmin.invalid.note');
    setLocal(errs);
    if (!into || Object.keys(errs).length) return;
    merge.mutate(
      { version: unit.version, intoUnitId: into, moveUsers, note: note.trim() },
      {
        onSuccess: () => {
          notify(t('unitAdmin.merged', { code: unit.code, into: target?.code ?? '' }));
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('unitAdmin.mergeInto')}
          required
          searchable
          value={into}
          onChange={setInto}
          disabled={units.isPending}
          data={targets.map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))}
          error={fieldError('intoUnitId')}
        />
        <Text size="sm" fw={600}>
          {t('unitAdmin.mergeWhat')}
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('unitAdmin.mergeArchived', { code: target?.code ?? '…' })}</List.Item>
          <List.Item>{t('unitAdmin.mergeUsers', { count: unit.staffCount })}</List.Item>
          <List.Item>{t('unitAdmin.mergeNotMoved')}</List.Item>
          <List.Item>{t('unitAdmin.mergeRecorded')}</List.Item>
        </List>
        {unit.staffCount > 0 ? (
          <Checkbox
            label={t('unitAdmin.moveUsers', { count: unit.staffCount, code: target?.code ?? '…' })}
            checked={moveUsers}
            onChange={(e) => setMoveUsers(e.currentTarget.checked)}
          />
        ) : null}
        <Textarea
          label={t('unitAdmin.mergeNote')}
          description={t('unitAdmin.mergeNoteHelp')}
          required
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldError('note')}
        />
        <FormError
          error={merge.error}
          fieldsShown={Boolean(fieldError('note') || fieldError('intoUnitId'))}
        />
        <Group gap="sm">
          <Button type="submit" color="red" loading={merge.isPending}>
            {target
              ? t('unitAdmin.mergeConfirm', { code: unit.code, into: target.code })
              : t('unitAdmin.merge')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('units.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Archive and merge for an active unit; admins only (the page decides who sees it). */
export function UnitAdminActions({ unit }: { unit: TUnit }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'archive' | 'merge' | null>(null);
  const isPhone = useMediaQuery('(max-width: 48em)');
  const close = () => setOpen(null);
  return (
    <>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconArrowMerge size={14} aria-hidden />}
          onClick={() => setOpen('merge')}
        >
          {t('unitAdmin.merge')}
        </Button>
        <Button
          size="xs"
          variant="default"
          color="red"
          leftSection={<IconArchive size={14} aria-hidden />}
          onClick={() => setOpen('archive')}
        >
          {t('unitAdmin.archive')}
        </Button>
      </Group>
      <Modal
        opened={open !== null}
        onClose={close}
        title={
          open === 'merge'
            ? t('unitAdmin.mergeTitle', { code: unit.code })
            : t('unitAdmin.archiveTitle', { code: unit.code })
        }
        fullScreen={isPhone}
        closeButtonProps={{ 'aria-label': t('units.cancel') }}
      >
        {open === 'merge' ? (
          <MergeForm unit={unit} onDone={close} />
        ) : (
          <ArchiveForm unit={unit} onDone={close} />
        )}
      </Modal>
    </>
  );
}
