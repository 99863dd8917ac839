import type { TUser } from '@atensi/contracts';
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { ErrorState, LoadingState } from '../../components/states.tsx';

/** The unit's staff, for those who manage its accounts (admin, the head of unit). */
export function StaffList({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const staff = useQuery({
    queryKey: ['users', 'unit', unitId],
    queryFn: () => api<{ items: TUser[]; total: number }>('/users', { query: { unitId, limit: 200 } }),
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="staff-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="staff-title">
          {t('units.staffList')}
        </Title>
        <Anchor component={Link} to="/pengguna" size="sm">
          {t('nav.users')}
        </Anchor>
      </Group>
      {staff.isPending ? (
        <LoadingState rows={3} />
      ) : staff.isError ? (
        <ErrorState error={staff.error} />
      ) : (
        <Stack gap={4}>
          {staff.data.items.map((s) => (
            <Group key={s.id} justify="space-between" wrap="nowrap">
              <Text size="sm">
                {s.displayName}{' '}
                <Text span size="xs" c="dimmed">
                  ({s.username})
                </Text>
              </Text>
              <Group gap={4} wrap="nowrap">
                <Badge size="sm" variant="outline">
                  {t(`role.${s.role}`)}
                </Badge>
                {!s.isActive ? (
                  <Badge size="sm" variant="dot" color="gray">
                    {t('users.inactive')}
                  </Badge>
                ) : null}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
