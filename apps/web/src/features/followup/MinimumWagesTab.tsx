import type { TMinimumWage } from '@atensi/contracts';
import {
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { AreaPicker } from '../../components/AreaPicker.tsx';
import { notify } from '../../components/notify.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatRupiah } from '../../lib/format.ts';
import { useReference } from '../cases/api.ts';
import { RUPIAH_INPUT } from '../cases/parts.tsx';
import { useMinimumWages, usePutMinimumWage } from './api.ts';
import { SaveError } from './parts.tsx';

const MAX_WAGE = 1_000_000_000;
/** Which wage the modal shows: a row to edit, or null to add. */
type Editing = { row: TMinimumWage | null };

/** Regional minimum wages (UMP per province, UMK per regency) per year; admin adds and edits them. */
export function MinimumWagesTab({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number | null>(null);
  const wages = useMinimumWages(year);
  const [editing, setEditing] = useState<Editing | null>(null);
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear + 1 - i));
  const place = (w: TMinimumWage) => w.regencyName ?? w.provinceName ?? w.regencyCode ?? w.provinceCode;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Select
          label={t('followup.admin.filterYear')}
          value={year === null ? null : String(year)}
          onChange={(v) => setYear(v ? Number(v) : null)}
          placeholder={t('followup.admin.allYears')}
          clearable
          data={years}
          w={200}
        />
        {isAdmin ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing({ row: null })}>
            {t('followup.admin.add')}
          </Button>
        ) : null}
      </Group>
      {wages.isPending ? (
        <LoadingState rows={6} />
      ) : wages.isError ? (
        <ErrorState error={wages.error} onRetry={() => void wages.refetch()} />
      ) : wages.data.items.length === 0 ? (
        <EmptyState text={t('followup.admin.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table
            striped
            verticalSpacing={6}
            aria-label={t('followup.admin.tabs.wages')}
            data-testid="wages-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('followup.admin.area')}</Table.Th>
                <Table.Th>{t('followup.admin.year')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('followup.admin.amount')}</Table.Th>
                <Table.Th>{t('followup.admin.source')}</Table.Th>
                {isAdmin ? <Table.Th>{t('followup.admin.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {wages.data.items.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge size="sm" variant="outline" color={w.kind === 'UMP' ? 'blue.9' : 'grape.9'}>
                        {w.kind}
                      </Badge>
                      <Text size="sm">{place(w)}</Text>
                    </Group>
                    {w.regencyCode ? (
                      <Text size="xs" c="dimmed">
                        {w.provinceName ?? w.provinceCode}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{w.year}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {formatRupiah(w.amountRupiah)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" maw={280} style={{ overflowWrap: 'anywhere' }}>
                      {w.source ?? '—'}
                    </Text>
                  </Table.Td>
                  {isAdmin ? (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconEdit size={14} aria-hidden />}
                        onClick={() => setEditing({ row: w })}
                        aria-label={t('followup.admin.editWage', { place: place(w), year: w.year })}
                      >
                        {t('followup.admin.edit')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing?.row
            ? t('followup.admin.editWage', { place: place(editing.row), year: editing.row.year })
            : t('followup.admin.add')
        }
        closeButtonProps={{ 'aria-label': t('followup.admin.cancel') }}
      >
        {editing ? (
          <WageForm
            key={editing.row ? `${editing.row.id}:${editing.row.version}` : 'new'}
            row={editing.row}
            onDone={() => setEditing(null)}
            onReload={() => void wages.refetch().then(() => setEditing(null))}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function WageForm({
  row,
  onDone,
  onReload,
}: {
  row: TMinimumWage | null;
  onDone: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const reference = useReference();
  const put = usePutMinimumWage();
  const [provinceCode, setProvince] = useState(row?.provinceCode ?? '');
  const [regencyCode, setRegency] = useState<string | null>(row?.regencyCode ?? null);
  const [year, setYear] = useState<number | string>(row?.year ?? new Date().getFullYear());
  const [amount, setAmount] = useState<number | string>(row?.amountRupiah ?? '');
  const [source, setSource] = useState(row?.source ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const serverError = (f: string) => (put.error instanceof ApiError ? put.error.fieldError(f) : undefined);
  const err = (f: string) => errors[f] ?? serverError(f);
  const provinces = [...(reference.data?.provinceCapitals ?? [])].sort((a, b) =>
    a.provinceCode.localeCompare(b.provinceCode),
  );

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!provinceCode) e.provinceCode = t('followup.form.required');
    const y = Number(year);
    if (year === '' || !Number.isInteger(y) || y < 2000 || y > 2100) e.year = t('followup.admin.yearRange');
    const a = Number(amount);
    if (amount === '') e.amountRupiah = t('followup.form.required');
    else if (!Number.isInteger(a) || a < 1) e.amountRupiah = t('followup.admin.positive');
    else if (a > MAX_WAGE) e.amountRupiah = t('followup.form.tooHigh');
    if (source.trim().length < 3) e.source = t('followup.admin.sourceRequired');
    setErrors(e);
    if (Object.keys(e).length) return;
    put.mutate(
      {
        provinceCode,
        regencyCode,
        year: y,
        amountRupiah: a,
        source: source.trim(),
        version: row?.version ?? 0,
      },
      {
        onSuccess: () => {
          notify(t('followup.admin.saved'));
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NativeSelect
          label={t('followup.admin.province')}
          value={provinceCode}
          disabled={row !== null}
          onChange={(ev) => {
            setProvince(ev.currentTarget.value);
            setRegency(null);
          }}
          data={[
            { value: '', label: t('followup.admin.chooseProvince') },
            ...provinces.map((p) => ({ value: p.provinceCode, label: p.provinceName })),
          ]}
          error={err('provinceCode')}
          required
        />
        {row === null ? (
          <AreaPicker
            label={`${t('followup.admin.regency')} ${t('followup.form.optional')}`}
            value={regencyCode}
            onChange={(code) => setRegency(code)}
            levels={['regency']}
            parent={provinceCode || undefined}
            disabled={!provinceCode}
            description={t('followup.admin.regencyHint')}
            error={err('regencyCode')}
          />
        ) : (
          <TextInput
            label={t('followup.admin.regency')}
            value={row.regencyName ?? t('followup.admin.regencyNone')}
            disabled
            readOnly
          />
        )}
        <NumberInput
          label={t('followup.admin.year')}
          value={year}
          onChange={setYear}
          min={2000}
          max={2100}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=""
          disabled={row !== null}
          error={err('year')}
          required
        />
        <NumberInput
          {...RUPIAH_INPUT}
          label={t('followup.admin.amount')}
          value={amount}
          onChange={setAmount}
          max={MAX_WAGE}
          inputMode="numeric"
          error={err('amountRupiah')}
          required
        />
        <TextInput
          label={t('followup.admin.source')}
          description={t('followup.admin.sourceHint')}
          value={source}
          onChange={(ev) => setSource(ev.currentTarget.value)}
          maxLength={500}
          error={err('source')}
          required
        />
        <SaveError error={put.error} onReload={onReload} conflict={t('followup.admin.conflict')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('followup.admin.cancel')}
          </Button>
          <Button type="submit" loading={put.isPending}>
            {t('followup.admin.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
