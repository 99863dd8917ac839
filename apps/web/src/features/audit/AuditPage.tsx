import { AUDIT_ACTIONS, type TAuditEvent } from '@atensi/contracts';
import { Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../app/Layout.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { AuditEventDetails } from './AuditEventDetails.tsx';
import { AuditEventList } from './AuditEventList.tsx';
import { type AuditFilters, useAuditEvents } from './api.ts';

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
  if (d.to) {
    // `to` is exclusive: up to the start of the day after the chosen one, in the browser's time zone.
    const end = new Date(`${d.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    f.to = end.toISOString();
  }
  return f;
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
        <AuditEventList items={items} onOpen={setOpen} />
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

      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={t('audit.details')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('audit.close') }}
      >
        {open ? <AuditEventDetails event={open} /> : null}
      </Modal>
    </Stack>
  );
}
