import {
  HQ_ROLES,
  ROLES,
  type TRole,
  type TUnitSummary,
  type TUser,
  type TUserWithPassword,
} from '@atensi/contracts';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { notify } from '../../components/notify.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';

const PAGE = 25;
const isHq = (r: TRole) => (HQ_ROLES as readonly TRole[]).includes(r);

function useUnitsForPicker() {
  return useQuery({
    queryKey: ['units', 'picker'],
    queryFn: () => api<{ items: TUnitSummary[] }>('/units', { query: { limit: 200 } }),
    staleTime: 5 * 60_000,
  });
}

function CreateUserForm({ onCreated }: { onCreated: (r: TUserWithPassword) => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const units = useUnitsForPicker();
  const queryClient = useQueryClient();
  const isHead = me?.role === 'kepala_upt';
  const grantable = ROLES.filter((r) => !isHead || !isHq(r));
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<TRole | null>(null);
  const [unitId, setUnitId] = useState<string | null>(isHead ? (me?.unit?.id ?? null) : null);
  const create = useMutation({
    mutationFn: () =>
      api<TUserWithPassword>('/users', {
        method: 'POST',
        body: {
          username: username.trim(),
          displayName: displayName.trim(),
          role,
          unitId: role && isHq(role) ? null : unitId,
        },
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onCreated(r);
    },
  });
  const err = create.error instanceof ApiError ? create.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {err && !err.details.length ? <ErrorState error={err} /> : null}
        <TextInput
          label={t('users.username')}
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={err?.fieldError('username')}
          required
          autoCapitalize="none"
        />
        <TextInput
          label={t('users.displayName')}
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={err?.fieldError('displayName')}
          required
        />
        <Select
          label={t('users.role')}
          value={role}
          onChange={(v) => setRole(v as TRole | null)}
          data={grantable.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          error={err?.fieldError('role')}
          required
        />
        {role && !isHq(role) ? (
          <Select
            label={t('users.unit')}
            searchable
            value={unitId}
            onChange={setUnitId}
            disabled={isHead}
            data={(units.data?.items ?? [])
              .filter((u) => !u.isArchived)
              .map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))}
            error={err?.fieldError('unitId')}
            required
          />
        ) : null}
        <Button type="submit" loading={create.isPending} leftSection={<IconUserPlus size={16} aria-hidden />}>
          {t('users.create')}
        </Button>
      </Stack>
    </form>
  );
}

function OneTimePassword({
  text,
  password,
  onClose,
}: {
  text: string;
  password: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Alert color="green">{text}</Alert>
      <Group>
        <Code fz="lg" data-testid="initial-password">
          {password}
        </Code>
        <CopyButton value={password}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>
              {copied ? t('users.copied') : t('users.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Button onClick={onClose}>{t('users.done')}</Button>
    </Stack>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [opened, { open, close }] = useDisclosure(false);
  const [secret, setSecret] = useState<{ text: string; password: string } | null>(null);
  const users = useQuery({
    queryKey: ['users', debouncedQ, role, offset],
    queryFn: () =>
      api<{ items: TUser[]; total: number }>('/users', {
        query: { q: debouncedQ || undefined, role: role ?? undefined, limit: PAGE, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const act = useMutation({
    mutationFn: ({ user, action }: { user: TUser; action: 'deactivate' | 'activate' | 'reset-password' }) =>
      api<TUser | TUserWithPassword>(`/users/${user.id}/${action}`, {
        method: 'POST',
        body: { version: user.version },
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      if ('initialPassword' in r) setSecret({ text: t('users.resetDone'), password: r.initialPassword });
    },
    onError: (e) => notify(e.message, 'red'),
  });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle>{t('users.title')}</PageTitle>
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={open}>
          {t('users.add')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('users.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setOffset(0);
          }}
        />
        <Select
          label={t('users.role')}
          placeholder={t('users.anyRole')}
          clearable
          value={role}
          onChange={(v) => {
            setRole(v);
            setOffset(0);
          }}
          data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
      </SimpleGrid>
      {users.isPending ? (
        <LoadingState rows={8} />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <EmptyState text={t('users.none')} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="xs" aria-label={t('users.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.username')}</Table.Th>
                  <Table.Th>{t('users.role')}</Table.Th>
                  <Table.Th>{t('users.unit')}</Table.Th>
                  <Table.Th>{t('users.status')}</Table.Th>
                  <Table.Th>{t('users.lastLogin')}</Table.Th>
                  <Table.Th>{t('users.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((u) => (
                  <Table.Tr key={u.id} data-testid="user-row">
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {u.username}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {u.displayName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`role.${u.role}`)}</Table.Td>
                    <Table.Td>{u.unit?.code ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge size="sm" variant="dot" color={u.isActive ? 'green' : 'gray'}>
                          {u.isActive ? t('users.active') : t('users.inactive')}
                        </Badge>
                        {u.isLocked ? (
                          <Badge size="sm" variant="dot" color="red">
                            {t('users.locked')}
                          </Badge>
                        ) : null}
                        {u.mustChangePassword ? (
                          <Badge size="sm" variant="dot" color="yellow">
                            {t('users.mustChange')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.never')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {u.id === me?.id ? null : (
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant="default"
                            onClick={() =>
                              act.mutate({ user: u, action: u.isActive ? 'deactivate' : 'activate' })
                            }
                          >
                            {u.isActive ? t('users.deactivate') : t('users.activate')}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="default"
                            onClick={() => act.mutate({ user: u, action: 'reset-password' })}
                          >
                            {t('users.reset')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {users.data && users.data.total > 0 ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('users.total', { count: users.data.total })}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t('units.prev')}
            </Button>
            <Button
              variant="default"
              size="xs"
              disabled={offset + PAGE >= users.data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('units.next')}
            </Button>
          </Group>
        </Group>
      ) : null}
      <Modal opened={opened} onClose={close} title={t('users.add')}>
        <CreateUserForm
          onCreated={(r) => {
            close();
            setSecret({ text: t('users.created'), password: r.initialPassword });
          }}
        />
      </Modal>
      <Modal opened={secret !== null} onClose={() => setSecret(null)} title={t('users.title')}>
        {secret ? (
          <OneTimePassword text={secret.text} password={secret.password} onClose={() => setSecret(null)} />
        ) : null}
      </Modal>
    </Stack>
  );
}
