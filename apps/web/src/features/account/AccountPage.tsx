import type { TMe, TSession } from '@atensi/contracts';
import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../app/api-client.ts';
import { ME_KEY, useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { notify } from '../../components/notify.ts';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';

function PasswordForm({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const change = useMutation({
    mutationFn: () =>
      api('/auth/password', { method: 'POST', body: { currentPassword: current, newPassword: next } }),
    onSuccess: async () => {
      notify(t('account.saved'));
      setCurrent('');
      setNext('');
      setConfirm('');
      setTouched(false);
      const wasForced = me.mustChangePassword;
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      await queryClient.invalidateQueries({ queryKey: ['auth', 'sessions'] });
      if (wasForced) await navigate('/');
    },
  });
  const apiErr = change.error instanceof ApiError ? change.error : null;
  const tooShort = touched && next.length > 0 && next.length < 12;
  const mismatch = touched && confirm !== next;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!current || next.length < 12 || confirm !== next) return;
    change.mutate();
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pw-title">
      <Title order={2} size="h4" id="pw-title" mb="sm">
        {t('account.passwordTitle')}
      </Title>
      {me.mustChangePassword ? (
        <Alert color="yellow" icon={<IconInfoCircle aria-hidden />} mb="md">
          {t('account.mustChange')}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={420}>
          <PasswordInput
            label={t('account.current')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={
              (touched && !current ? t('login.required') : undefined) ?? apiErr?.fieldError('currentPassword')
            }
            required
          />
          <PasswordInput
            label={t('account.new')}
            description={t('account.rule')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={(tooShort ? t('account.tooShort') : undefined) ?? apiErr?.fieldError('newPassword')}
            required
          />
          <PasswordInput
            label={t('account.confirm')}
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={mismatch ? t('account.mismatch') : undefined}
            required
          />
          {change.error && !apiErr?.details.length ? <ErrorState error={change.error} /> : null}
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: ['auth', 'sessions'],
    queryFn: () => api<{ items: TSession[] }>('/auth/sessions'),
  });
  const end = useMutation({
    mutationFn: (id: string) => api(`/auth/sessions/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notify(t('account.ended'), 'blue');
      await queryClient.invalidateQueries({ queryKey: ['auth', 'sessions'] });
    },
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sessions-title">
      <Title order={2} size="h4" id="sessions-title" mb="sm">
        {t('account.sessions')}
      </Title>
      {sessions.isPending ? (
        <LoadingState rows={2} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Stack gap="xs">
          {sessions.data.items.map((s) => (
            <Group
              key={s.id}
              justify="space-between"
              wrap="nowrap"
              p="xs"
              bg="gray.0"
              style={{ borderRadius: 8 }}
            >
              <div style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Text size="sm" fw={500} truncate>
                    {s.userAgent ? s.userAgent.slice(0, 60) : t('account.unknownDevice')}
                  </Text>
                  {s.isCurrent ? <Badge size="xs">{t('account.thisDevice')}</Badge> : null}
                </Group>
                <Text size="xs" c="dimmed">
                  {s.ip ?? '—'} · {t('account.lastSeen')}: {formatDateTime(s.lastSeenAt)}
                </Text>
              </div>
              {!s.isCurrent ? (
                <Button
                  size="xs"
                  variant="default"
                  c="red.9"
                  loading={end.isPending && end.variables === s.id}
                  onClick={() => end.mutate(s.id)}
                >
                  {t('account.end')}
                </Button>
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return <LoadingState />;
  return (
    <Stack gap="lg">
      <PageTitle>{t('account.title')}</PageTitle>
      <PasswordForm me={me} />
      {me.mustChangePassword ? null : <Sessions />}
    </Stack>
  );
}
