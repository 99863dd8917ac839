import type { TUnit, TUnitService } from '@atensi/contracts';
import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Pill,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api-client.ts';
import { AreaPicker } from '../../components/AreaPicker.tsx';
import { notify } from '../../components/notify.ts';
import { ErrorState } from '../../components/states.tsx';
import { useReference } from './api.ts';

const COVERAGE_LEVELS = ['province', 'regency'] as const;

/** Saves through one endpoint and refreshes the unit; a stale version reloads it and says so. */
function useUnitWrite(unit: TUnit, path: string, method: 'PUT' | 'POST' | 'DELETE' = 'PUT') {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (body?: object) =>
      api<TUnit>(`/units/${unit.id}${path}`, { method, ...(body ? { body } : {}) }),
    onSuccess: (u) => {
      queryClient.setQueryData(['unit', unit.id], u);
      void queryClient.invalidateQueries({ queryKey: ['units'] });
      notify(t('units.saved'));
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        void queryClient.invalidateQueries({ queryKey: ['unit', unit.id] });
      }
    },
  });
}

function WriteError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && error.code === 'CONFLICT') {
    return (
      <Text c="red.9" size="sm" role="alert">
        {t('units.conflict')}
      </Text>
    );
  }
  if (error instanceof ApiError && error.details.length) {
    return (
      <Text c="red.9" size="sm" role="alert">
        {error.message} {error.details.map((d) => d.message).join('; ')}
      </Text>
    );
  }
  return <ErrorState error={error} />;
}

/** The unit's row of the multi-function matrix: modes and beds per cluster. */
export function ServicesEditor({ unit, onDone }: { unit: TUnit; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const reference = useReference();
  const save = useUnitWrite(unit, '/services');
  const clusters = reference.data?.clusters.filter((c) => c.isActive) ?? [];
  const [rows, setRows] = useState<Record<string, TUnitService>>(() =>
    Object.fromEntries(unit.services.map((s) => [s.clusterCode, s])),
  );
  const row = (code: string): TUnitService =>
    rows[code] ?? {
      clusterCode: code,
      isResidential: false,
      isFamily: false,
      isCommunity: false,
      residentialCapacity: 0,
    };
  const set = (code: string, patch: Partial<TUnitService>) =>
    setRows((r) => ({ ...r, [code]: { ...row(code), ...patch } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const services = Object.values(rows)
      .filter((s) => s.isResidential || s.isFamily || s.isCommunity)
      .map((s) => ({ ...s, residentialCapacity: s.isResidential ? s.residentialCapacity : 0 }));
    save.mutate({ services, version: unit.version }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('units.cluster')}</Table.Th>
                <Table.Th>{t('units.residential')}</Table.Th>
                <Table.Th>{t('units.beds')}</Table.Th>
                <Table.Th>{t('units.family')}</Table.Th>
                <Table.Th>{t('units.community')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clusters.map((c) => {
                const s = row(c.code);
                const name = i18n.language === 'en' ? c.nameEn : c.nameId;
                return (
                  <Table.Tr key={c.code}>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${name}: ${t('units.residential')}`}
                        checked={s.isResidential}
                        onChange={(e) => set(c.code, { isResidential: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`${name}: ${t('units.beds')}`}
                        size="xs"
                        w={90}
                        min={0}
                        max={10000}
                        allowDecimal={false}
                        allowNegative={false}
                        disabled={!s.isResidential}
                        value={s.residentialCapacity}
                        onChange={(v) => set(c.code, { residentialCapacity: typeof v === 'number' ? v : 0 })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${name}: ${t('units.family')}`}
                        checked={s.isFamily}
                        onChange={(e) => set(c.code, { isFamily: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${name}: ${t('units.community')}`}
                        checked={s.isCommunity}
                        onChange={(e) => set(c.code, { isCommunity: e.currentTarget.checked })}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <WriteError error={save.error} />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
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

/** Coverage area: the provinces or regencies the unit answers for, each found by name. */
export function CoverageEditor({ unit, onDone }: { unit: TUnit; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useUnitWrite(unit, '/coverage');
  const [chosen, setChosen] = useState<{ code: string; name: string }[]>(() =>
    unit.coverage.map((c) => ({ code: c.code, name: c.name })),
  );
  // The picker empties itself after each pick: it adds, the list below holds the choice.
  const [pickerKey, setPickerKey] = useState(0);
  return (
    <Stack gap="sm">
      <AreaPicker
        key={pickerKey}
        label={t('units.addCoverage')}
        levels={COVERAGE_LEVELS}
        value={null}
        onChange={(code, area) => {
          if (code && area && !chosen.some((c) => c.code === code)) {
            setChosen((list) => [...list, { code, name: area.path }]);
          }
          setPickerKey((k) => k + 1);
        }}
      />
      {chosen.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('units.noCoverage')}
        </Text>
      ) : (
        <Group gap="xs" role="list" aria-label={t('units.coverage')}>
          {chosen.map((c) => (
            <Pill
              key={c.code}
              role="listitem"
              size="md"
              withRemoveButton
              onRemove={() => setChosen((list) => list.filter((x) => x.code !== c.code))}
              removeButtonProps={{ 'aria-label': t('units.removeCoverage', { name: c.name }) }}
            >
              {c.name}
            </Pill>
          ))}
        </Group>
      )}
      <WriteError error={save.error} />
      <Group gap="sm">
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { areaCodes: chosen.map((c) => c.code), version: unit.version },
              { onSuccess: onDone },
            )
          }
        >
          {t('units.save')}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t('units.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Add an outlet or a warehouse by name; remove one. */
export function FacilitiesEditor({ unit }: { unit: TUnit }) {
  const { t } = useTranslation();
  const add = useUnitWrite(unit, '/facilities', 'POST');
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => api<TUnit>(`/units/${unit.id}/facilities/${id}`, { method: 'DELETE' }),
    onSuccess: (u) => queryClient.setQueryData(['unit', unit.id], u),
  });
  const [kind, setKind] = useState<string | null>('outlet');
  const [name, setName] = useState('');
  return (
    <Stack gap="xs">
      {unit.facilities.map((f) => (
        <Group key={f.id} justify="space-between" wrap="nowrap">
          <Text size="sm">
            {f.kind === 'outlet' ? t('units.outlet') : t('units.warehouse')}: {f.name}
          </Text>
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => remove.mutate(f.id)}
            loading={remove.isPending && remove.variables === f.id}
          >
            {t('units.remove')}
          </Button>
        </Group>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!kind || name.trim().length < 3) return;
          add.mutate({ kind, name: name.trim() }, { onSuccess: () => setName('') });
        }}
      >
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            label={t('units.facilityKind')}
            w={130}
            value={kind}
            onChange={setKind}
            data={[
              { value: 'outlet', label: t('units.outlet') },
              { value: 'warehouse', label: t('units.warehouse') },
            ]}
          />
          <TextInput
            label={t('units.facilityName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 160 }}
          />
          <Button type="submit" variant="default" loading={add.isPending}>
            {t('units.add')}
          </Button>
        </Group>
      </form>
      <WriteError error={add.error ?? remove.error} />
    </Stack>
  );
}
