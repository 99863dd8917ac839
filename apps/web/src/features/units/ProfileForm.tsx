import type { TUnit } from '@atensi/contracts';
import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { AreaPicker } from '../../components/AreaPicker.tsx';
import { notify } from '../../components/notify.ts';
import { ErrorState } from '../../components/states.tsx';
import { useUpdateUnit } from './api.ts';

type Text = 'address' | 'phone' | 'email' | 'headName';
type Draft = Record<Text, string> & { areaCode: string | null; lat: number | ''; lon: number | '' };

/** Edit the unit's contact details, address (with its area picked by name) and coordinates. */
export function ProfileForm({ unit, onDone }: { unit: TUnit; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateUnit(unit.id);
  const [draft, setDraft] = useState<Draft>({
    address: unit.address ?? '',
    phone: unit.phone ?? '',
    email: unit.email ?? '',
    headName: unit.headName ?? '',
    areaCode: unit.areaCode,
    lat: unit.lat ?? '',
    lon: unit.lon ?? '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const err = update.error instanceof ApiError ? update.error : null;
  const fieldError = (k: string) =>
    local[k] ??
    (err?.details.find((d) => d.field === k)?.issue === 'unknown_area'
      ? t('area.unknown')
      : err?.fieldError(k));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Coordinates go together: one without the other places the unit nowhere.
    if ((draft.lat === '') !== (draft.lon === '')) {
      setLocal({ [draft.lat === '' ? 'lat' : 'lon']: t('unitAdmin.invalid.lat') });
      return;
    }
    setLocal({});
    update.mutate(
      {
        address: draft.address.trim() || null,
        phone: draft.phone.trim() || null,
        email: draft.email.trim() || null,
        headName: draft.headName.trim() || null,
        areaCode: draft.areaCode,
        lat: draft.lat === '' ? null : draft.lat,
        lon: draft.lon === '' ? null : draft.lon,
        version: unit.version,
      },
      {
        onSuccess: () => {
          notify(t('units.saved'));
          onDone();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'CONFLICT') {
            void queryClient.invalidateQueries({ queryKey: ['unit', unit.id] });
          }
        },
      },
    );
  };
  const field = (k: Text, label: string, type = 'text') => (
    <TextInput
      label={label}
      type={type}
      value={draft[k]}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setDraft((d) => ({ ...d, [k]: v }));
      }}
      error={fieldError(k)}
    />
  );
  const coordinate = (k: 'lat' | 'lon') => (
    <NumberInput
      label={t(`unitAdmin.field.${k}`)}
      decimalScale={6}
      decimalSeparator=","
      value={draft[k]}
      onChange={(v) => setDraft((d) => ({ ...d, [k]: typeof v === 'number' ? v : '' }))}
      error={fieldError(k) ? t('unitAdmin.invalid.lat') : undefined}
    />
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {err?.code === 'CONFLICT' ? (
          <Alert color="yellow" role="alert">
            {t('units.conflict')}
          </Alert>
        ) : err && !err.details.length ? (
          <ErrorState error={err} />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {field('headName', t('units.head'))}
          {field('phone', t('units.phone'), 'tel')}
          {field('email', t('units.email'), 'email')}
          {field('address', t('units.address'))}
        </SimpleGrid>
        <AreaPicker
          label={t('units.area')}
          description={t('units.areaHelp')}
          value={draft.areaCode}
          onChange={(code) => setDraft((d) => ({ ...d, areaCode: code }))}
          error={fieldError('areaCode')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {coordinate('lat')}
          {coordinate('lon')}
        </SimpleGrid>
        <Group gap="sm">
          <Button type="submit" loading={update.isPending}>
            {t('units.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('units.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
