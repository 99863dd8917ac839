import type { TModule } from '@atensi/contracts';
import { AppShell, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowsExchange,
  IconBook,
  IconBriefcase,
  IconBuildingCommunity,
  IconChartLine,
  IconHome,
  IconListDetails,
  IconLogout,
  IconMapSearch,
  IconSchool,
  IconShieldSearch,
  IconStairsUp,
  IconUserCircle,
  IconUserHeart,
  IconUsers,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, NavLink as RouterNavLink, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { LoadingState } from '../components/states.tsx';
import { api } from './api-client.ts';
import { useMe } from './auth.tsx';

const NAV: { module: TModule; to: string; label: string; icon: typeof IconHome }[] = [
  { module: 'home', to: '/', label: 'nav.home', icon: IconHome },
  { module: 'people', to: '/pm', label: 'nav.people', icon: IconUserHeart },
  { module: 'cases', to: '/kasus', label: 'caseload.nav', icon: IconBriefcase },
  { module: 'referrals', to: '/rujukan', label: 'referrals.nav', icon: IconArrowsExchange },
  { module: 'followup', to: '/tindak-lanjut', label: 'followup.nav', icon: IconStairsUp },
  { module: 'outcomes', to: '/capaian', label: 'outcomes.nav', icon: IconChartLine },
  { module: 'training', to: '/pelatihan', label: 'training.nav', icon: IconSchool },
  { module: 'units', to: '/unit', label: 'nav.units', icon: IconBuildingCommunity },
  { module: 'units', to: '/unit/terdekat', label: 'nav.nearest', icon: IconMapSearch },
  { module: 'reference', to: '/referensi', label: 'nav.reference', icon: IconListDetails },
  { module: 'users', to: '/pengguna', label: 'nav.users', icon: IconUsers },
  { module: 'audit', to: '/audit', label: 'nav.audit', icon: IconShieldSearch },
  { module: 'account', to: '/akun', label: 'nav.account', icon: IconUserCircle },
];

export function Layout() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [opened, { toggle, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const signOut = async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    queryClient.clear();
    await navigate('/login', { replace: true });
  };

  const allowed = new Set(me?.modules ?? []);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Text fw={700} size="lg" c="blue.8">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me ? (
              <Stack gap={0} visibleFrom="xs" align="flex-end">
                <Text size="sm" fw={600} data-testid="user-name">
                  {me.displayName}
                </Text>
                <Text size="xs" c="dimmed" truncate maw={360} title={me.unit?.name} data-testid="header-unit">
                  {t(`role.${me.role}`)} · {me.unit ? me.unit.name : t('home.hqShort')}
                </Text>
              </Stack>
            ) : null}
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <AppShell.Section grow component="nav" aria-label={t('nav.main')}>
          {NAV.filter((n) => allowed.has(n.module)).map((n) => (
            <NavLink
              key={n.to}
              component={RouterNavLink}
              to={n.to}
              end={n.to === '/'}
              label={t(n.label)}
              leftSection={<n.icon size={18} aria-hidden />}
              onClick={close}
            />
          ))}
          <NavLink
            href="/docs"
            target="_blank"
            rel="noopener"
            label={t('nav.docs')}
            leftSection={<IconBook size={18} aria-hidden />}
          />
        </AppShell.Section>
        <AppShell.Section>
          {me ? (
            <Text size="xs" c="dimmed" px="sm" pb="xs" hiddenFrom="xs">
              {me.displayName} · {t(`role.${me.role}`)} · {me.unit ? me.unit.name : t('home.hqShort')}
            </Text>
          ) : null}
          <Button
            variant="subtle"
            color="red"
            fullWidth
            justify="flex-start"
            leftSection={<IconLogout size={18} aria-hidden />}
            onClick={() => void signOut()}
          >
            {t('nav.signOut')}
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

export function PageTitle({ children }: { children: string }) {
  return (
    <Title order={1} size="h2" mb="md">
      {children}
    </Title>
  );
}
