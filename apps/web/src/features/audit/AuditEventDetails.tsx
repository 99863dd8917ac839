import type { TAuditEvent } from '@atensi/contracts';
import { Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';

/**
 * Who a record names (ARCHITECTURE.md, "Audit"): a user by username; the application ("system", or
 * "cli:<command>" for a command run on the server) with no user id; or no one known (a failed sign-in),
 * shown as unknown with the username that was tried.
 */
export function useActorLabel() {
  const { t } = useTranslation();
  return (e: TAuditEvent) => {
    if (e.actorUsername === null) {
      const tried = e.meta?.attemptedUsername;
      return typeof tried === 'string'
        ? t('audit.anonymousTried', { username: tried })
        : t('audit.anonymous');
    }
    if (e.actorUserId !== null) return e.actorUsername;
    return e.actorUsername === 'system' ? t('audit.system') : `${t('audit.system')} (${e.actorUsername})`;
  };
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Fact({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ff={mono ? 'monospace' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}

/** Everything one audit record holds: who, what, where, the fields before → after, and extra facts. */
export function AuditEventDetails({ event }: { event: TAuditEvent }) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const changes = event.changes ? Object.entries(event.changes) : [];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
        <Fact label={t('audit.time')} value={formatDateTime(event.at)} />
        <Fact
          label={t('audit.actor')}
          value={`${actor(event)}${event.actorRole ? ` · ${t(`role.${event.actorRole}`)}` : ''}`}
        />
        <Fact label={t('audit.action')} value={t(`action.${event.action}`)} />
        <Fact label={t('audit.entity')} value={event.entity} />
        <Fact label={t('audit.entityId')} value={event.entityId ?? '—'} mono />
        <Fact label={t('audit.ip')} value={event.ip ?? '—'} mono />
        <Fact label={t('audit.requestId')} value={event.requestId ?? '—'} mono />
      </SimpleGrid>
      {changes.length > 0 ? (
        <Table.ScrollContainer minWidth={300}>
          <Table withTableBorder data-testid="audit-changes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.field')}</Table.Th>
                <Table.Th>{t('audit.before')}</Table.Th>
                <Table.Th>{t('audit.after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.map(([field, c]) => (
                <Table.Tr key={field}>
                  <Table.Td ff="monospace">{field}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{show(c.before)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{show(c.after)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed">
          {t('audit.noChanges')}
        </Text>
      )}
      {event.meta ? (
        <div>
          <Text size="sm" fw={600}>
            {t('audit.meta')}
          </Text>
          <Code block>{JSON.stringify(event.meta, null, 2)}</Code>
        </div>
      ) : null}
    </Stack>
  );
}
