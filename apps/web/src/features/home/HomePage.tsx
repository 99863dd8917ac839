import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconShieldSearch,
  IconUserCircle,
  IconUserHeart,
  IconUsers,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { LoadingState } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { MyWorkCard } from '../cases/CaseloadPage.tsx';

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return <LoadingState />;
  const cards = [
    { module: 'people', to: '/pm', title: t('nav.people'), text: t('home.peopleDesc'), icon: IconUserHeart },
    {
      module: 'units',
      to: '/unit',
      title: t('nav.units'),
      text: t('home.unitsDesc'),
      icon: IconBuildingCommunity,
    },
    { module: 'users', to: '/pengguna', title: t('nav.users'), text: t('home.usersDesc'), icon: IconUsers },
    {
      module: 'audit',
      to: '/audit',
      title: t('nav.audit'),
      text: t('home.auditDesc'),
      icon: IconShieldSearch,
    },
    {
      module: 'account',
      to: '/akun',
      title: t('nav.account'),
      text: t('home.accountDesc'),
      icon: IconUserCircle,
    },
  ].filter((c) => me.modules.includes(c.module as (typeof me.modules)[number]));

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Title order={1} size="h2">
            {t('home.greeting', { name: me.displayName })}
          </Title>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('home.role')}:
            </Text>
            <Badge variant="light" data-testid="user-role">
              {t(`role.${me.role}`)}
            </Badge>
          </Group>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <ThemeIcon variant="light" size="sm" aria-hidden>
              <IconBuildingCommunity size={14} />
            </ThemeIcon>
            <Text size="sm" data-testid="user-unit">
              {me.unit ? `${me.unit.name} (${me.unit.code})` : t('home.hq')}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t('home.sessionUntil', { time: formatDateTime(me.sessionExpiresAt) })}
          </Text>
        </Stack>
      </Card>
      <MyWorkCard />
      <section aria-labelledby="modules-title">
        <Title order={2} size="h4" mb="sm" id="modules-title">
          {t('home.modules')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {cards.map((c) => (
            <Card key={c.to} withBorder padding="lg" component={Link} to={c.to}>
              <Group wrap="nowrap" align="flex-start">
                <ThemeIcon size="lg" variant="light" aria-hidden>
                  <c.icon size={20} />
                </ThemeIcon>
                <div>
                  <Text fw={600}>{c.title}</Text>
                  <Text size="sm" c="dimmed">
                    {c.text}
                  </Text>
                </div>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
