import type { TAuditEvent } from '@atensi/contracts';
import {
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { useActorLabel } from './AuditEventDetails.tsx';

const ACTION_COLOR: Record<TAuditEvent['action'], string> = {
  insert: 'green',
  update: 'blue',
  delete: 'red',
  read: 'grape',
  login: 'teal',
  login_failed: 'orange',
  logout: 'gray',
  password_change: 'yellow',
  search: 'indigo',
  export: 'orange',
};

type Props = { items: TAuditEvent[]; onOpen: (e: TAuditEvent) => void };

/** A table on wider screens; on a phone one card per record, tapped to open its details. */
export function AuditEventList(props: Props) {
  // Read synchronously so the page does not flash the wrong layout on first paint.
  const isWide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  return isWide ? <AuditTable {...props} /> : <AuditCards {...props} />;
}

function ActionBadge({ action }: { action: TAuditEvent['action'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={ACTION_COLOR[action]}>
      {t(`action.${action}`)}
    </Badge>
  );
}

function AuditTable({ items, onOpen }: Props) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('audit.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.time')}</Table.Th>
              <Table.Th>{t('audit.actor')}</Table.Th>
              <Table.Th>{t('audit.role')}</Table.Th>
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
                <Table.Td>{actor(e)}</Table.Td>
                <Table.Td>
                  <Text size="xs">{e.actorRole ? t(`role.${e.actorRole}`) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <ActionBadge action={e.action} />
                </Table.Td>
                <Table.Td>{e.entity}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" title={e.entityId ?? undefined}>
                    {e.entityId ? e.entityId.slice(0, 13) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{e.ip ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => onOpen(e)}
                    aria-label={t('audit.open', { id: e.id })}
                  >
                    {t('audit.details')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function AuditCards({ items, onOpen }: Props) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('audit.title')}>
      {items.map((e) => (
        <li key={e.id}>
          <UnstyledButton w="100%" onClick={() => onOpen(e)} data-testid="audit-card">
            <Paper withBorder p="sm">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={600}>
                  {actor(e)}
                </Text>
                <ActionBadge action={e.action} />
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at)}
                {e.actorRole ? ` · ${t(`role.${e.actorRole}`)}` : ''}
              </Text>
              <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
                {e.entity}
                {e.entityId ? (
                  <Text span size="xs" ff="monospace">
                    {' '}
                    {e.entityId.slice(0, 13)}
                  </Text>
                ) : null}
              </Text>
              {e.ip ? (
                <Text size="xs" c="dimmed">
                  {t('audit.ip')}: {e.ip}
                </Text>
              ) : null}
            </Paper>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}
