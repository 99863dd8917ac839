import type { TMe } from '@atensi/contracts';
import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api-client.ts';
import { ME_KEY, useMe } from '../../app/auth.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

/** Only same-site paths: `next` must not send the user to another site after sign-in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);

  const login = useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api<TMe>('/auth/login', { method: 'POST', body }),
    onSuccess: async (user) => {
      queryClient.setQueryData(ME_KEY, user);
      await navigate(user.mustChangePassword ? '/akun' : safeNext(params.get('next')), { replace: true });
    },
  });

  if (me.data && !login.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!username.trim() || !password) return;
    login.mutate({ username: username.trim(), password });
  };

  return (
    <Box component="main" bg="gray.0" mih="100vh">
      <Center mih="100vh" p="md">
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={420} radius="md">
          <Stack gap="md">
            <Group justify="space-between" align="flex-start">
              <div>
                <Text fw={700} size="xl" c="blue.8">
                  {t('app.name')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('app.tagline')}
                </Text>
              </div>
              <LanguageSwitch />
            </Group>
            <Title order={1} size="h3">
              {t('login.title')}
            </Title>
            {params.get('expired') && !login.error ? (
              <Alert color="yellow" icon={<IconInfoCircle aria-hidden />}>
                {t('login.expired')}
              </Alert>
            ) : null}
            {login.error ? (
              <Alert
                color="red"
                icon={<IconAlertTriangle aria-hidden />}
                role="alert"
                data-testid="login-error"
              >
                {login.error.message}
              </Alert>
            ) : null}
            <form onSubmit={submit} noValidate>
              <Stack gap="sm">
                <TextInput
                  label={t('login.username')}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  value={username}
                  onChange={(e) => setUsername(e.currentTarget.value)}
                  error={touched && !username.trim() ? t('login.required') : undefined}
                  required
                  data-autofocus
                />
                <PasswordInput
                  label={t('login.password')}
                  name="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={touched && !password ? t('login.required') : undefined}
                  required
                />
                <Button type="submit" loading={login.isPending} fullWidth mt="xs">
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
            <Text size="xs" c="dimmed">
              {t('login.help')}
            </Text>
            <Text size="xs" c="dimmed" ta="center">
              {t('app.ministry')}
            </Text>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
