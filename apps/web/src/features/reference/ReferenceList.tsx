import { Button, Group, Paper, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil, IconSearch } from '@tabler/icons-react';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/states.tsx';

export type Column<T> = {
  label: string;
  render: (row: T) => ReactNode;
  /** Keep on one line in the table (codes, numbers). */
  nowrap?: boolean;
};

type Props<T> = {
  /** Names the table and the search box for assistive technology. */
  title: string;
  rows: T[];
  rowKey: (row: T) => string;
  /** The row's name: card title on a phone, and the edit button's accessible name. */
  rowTitle: (row: T) => string;
  /** Everything a person may type to find the row: code, names, source… */
  searchText: (row: T) => string;
  columns: Column<T>[];
  onEdit?: ((row: T) => void) | undefined;
  /** Shown above the list, beside the search box (e.g. the add button). */
  actions?: ReactNode;
};

/** Lower case, without accents, so "lansia" finds "Lansia" and "napza" finds "NAPZA". */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** A searchable list: a table on wider screens, one card per record on a phone. */
export function ReferenceList<T>(props: Props<T>) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const isWide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const words = fold(q).split(/\s+/).filter(Boolean);
  const rows = words.length
    ? props.rows.filter((r) => {
        const text = fold(props.searchText(r));
        return words.every((w) => text.includes(w));
      })
    : props.rows;
  const countId = useId();

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <TextInput
          label={t('reference.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-describedby={countId}
          style={{ flex: '1 1 16rem', maxWidth: '28rem' }}
          type="search"
        />
        {props.actions}
      </Group>
      <Text size="sm" c="dimmed" id={countId} aria-live="polite">
        {t('reference.count', { count: rows.length })}
      </Text>
      {rows.length === 0 ? (
        <EmptyState text={props.rows.length === 0 ? t('reference.empty') : t('reference.none')} />
      ) : isWide ? (
        <ListTable {...props} rows={rows} />
      ) : (
        <ListCards {...props} rows={rows} />
      )}
    </Stack>
  );
}

function EditButton<T>({ row, props }: { row: T; props: Props<T> }) {
  const { t } = useTranslation();
  if (!props.onEdit) return null;
  const onEdit = props.onEdit;
  return (
    <Button
      size="compact-sm"
      variant="light"
      leftSection={<IconPencil size={14} aria-hidden />}
      onClick={() => onEdit(row)}
      aria-label={t('reference.editLabel', { name: props.rowTitle(row) })}
    >
      {t('reference.edit')}
    </Button>
  );
}

function ListTable<T>(props: Props<T>) {
  const { t } = useTranslation();
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label={props.title}>
          <Table.Thead>
            <Table.Tr>
              {props.columns.map((c) => (
                <Table.Th key={c.label}>{c.label}</Table.Th>
              ))}
              {props.onEdit ? (
                <Table.Th>
                  <VisuallyHidden>{t('reference.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.rows.map((row) => (
              <Table.Tr key={props.rowKey(row)} data-testid="reference-row">
                {props.columns.map((c) => (
                  <Table.Td key={c.label} style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                    {c.render(row)}
                  </Table.Td>
                ))}
                {props.onEdit ? (
                  <Table.Td>
                    <EditButton row={row} props={props} />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function ListCards<T>(props: Props<T>) {
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={props.title}>
      {props.rows.map((row) => (
        <li key={props.rowKey(row)} data-testid="reference-card">
          <Paper withBorder p="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {props.rowTitle(row)}
              </Text>
              <EditButton row={row} props={props} />
            </Group>
            <Stack gap={4} mt={6}>
              {props.columns.map((c) => (
                <div key={c.label}>
                  <Text size="xs" c="dimmed">
                    {c.label}
                  </Text>
                  <Text component="div" size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {c.render(row)}
                  </Text>
                </div>
              ))}
            </Stack>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
