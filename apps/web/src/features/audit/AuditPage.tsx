import { AUDIT_ACTIONS, type TAuditEvent } from '@atensi/contracts';
import {
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../app/Layout.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { type AuditFilters, useAuditEvents } from './api.ts';

const ACTION_COLOR: Record<string, string> = {
  insert: 'green',
  update: 'blue',
  delete: 'red',
  read: 'grape',
  login: 'teal',
  login_failed: 'orange',
  logout: 'gray',
  search: 'indigo',
};

type Draft = {
  actor: string;
  action: string | null;
  entity: string;
  entityId: string;
  from: string;
  to: string;
};
const EMPTY: Draft = { actor: '', action: null, entity: '', entityId: '', from: '', to: '' };

/** Only filled fields go to the API: it refuses unknown or empty ones. */
function toFilters(d: Draft): AuditFilters {
  const f: AuditFilters = {};
  if (d.actor.trim()) f.actor = d.actor.trim();
  if (d.action) f.action = d.action as AuditFilters['action'];
  if (d.entity.trim()) f.entity = d.entity.trim();
  if (d.entityId.trim()) f.entityId = d.entityId.trim();
  if (d.from) f.from = new Date(`${d.from}T00:00:00`).toISOString();
  if (d.to) f.to = new Date(`${d.to}T23:59:59.999`).toISOString();
  return f;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [open, setOpen] = useState<TAuditEvent | null>(null);
  const query = useAuditEvents(filters);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(toFilters(draft));
  };
  const set = (k: keyof Draft) => (v: string | null) => setDraft((d) => ({ ...d, [k]: v ?? '' }));

  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('audit.title')}</PageTitle>
        <Text c="dimmed" size="sm" mt={-8}>
          {t('audit.intro')}
        </Text>
      </div>
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t('audit.search')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <TextInput
            label={t('audit.actor')}
            value={draft.actor}
            onChange={(e) => set('actor')(e.currentTarget.value)}
          />
          <Select
            label={t('audit.action')}
            placeholder={t('audit.anyAction')}
            clearable
            value={draft.action}
            onChange={(v) => setDraft((d) => ({ ...d, action: v }))}
            data={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`action.${a}`) }))}
          />
          <TextInput
            label={t('audit.entity')}
            value={draft.entity}
            onChange={(e) => set('entity')(e.currentTarget.value)}
          />
          <TextInput
            label={t('audit.entityId')}
            value={draft.entityId}
            onChange={(e) => set('entityId')(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('audit.from')}
            value={draft.from}
            onChange={(e) => set('from')(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('audit.to')}
            value={draft.to}
            onChange={(e) => set('to')(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Group mt="md" gap="sm">
          <Button type="submit">{t('audit.search')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              setFilters({});
            }}
          >
            {t('audit.reset')}
          </Button>
        </Group>
      </Paper>

      {query.isPending ? (
        <LoadingState rows={8} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState text={t('audit.none')} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('audit.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.time')}</Table.Th>
                  <Table.Th>{t('audit.actor')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.entity')}</Table.Th>
                  <Table.Th>{t('audit.entityId')}</Table.Th>
                  <Table.Th>{t('audit.ip')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('audit.details')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id} data-testid="audit-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.actorUsername ?? t('audit.system')}</Text>
                      {e.actorRole ? (
                        <Text size="xs" c="dimmed">
                          {t(`role.${e.actorRole}`)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={ACTION_COLOR[e.action] ?? 'gray'}>
                        {t(`action.${e.action}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{e.entity}</Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {e.entityId ? e.entityId.slice(0, 13) : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{e.ip ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" onClick={() => setOpen(e)}>
                        {t('audit.details')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {items.length > 0 ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('audit.shown', { count: items.length })}
          </Text>
          {query.hasNextPage ? (
            <Button
              variant="light"
              loading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t('audit.more')}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('audit.end')}
            </Text>
          )}
        </Group>
      ) : null}

      <Modal opened={open !== null} onClose={() => setOpen(null)} title={t('audit.details')} size="lg">
        {open ? (
          <Stack gap="sm">
            <Text size="sm">
              {formatDateTime(open.at)} · {open.actorUsername ?? t('audit.system')} ·{' '}
              {t(`action.${open.action}`)} · {open.entity} {open.entityId ?? ''}
            </Text>
            {open.changes && Object.keys(open.changes).length > 0 ? (
              <Table.ScrollContainer minWidth={420}>
                <Table withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('audit.field')}</Table.Th>
                      <Table.Th>{t('audit.before')}</Table.Th>
                      <Table.Th>{t('audit.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {Object.entries(open.changes).map(([field, c]) => (
                      <Table.Tr key={field}>
                        <Table.Td>{field}</Table.Td>
                        <Table.Td>{show(c.before)}</Table.Td>
                        <Table.Td>{show(c.after)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : null}
            {open.meta ? (
              <div>
                <Text size="sm" fw={600}>
                  {t('audit.meta')}
                </Text>
                <Code block>{JSON.stringify(open.meta, null, 2)}</Code>
              </div>
            ) : null}
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
