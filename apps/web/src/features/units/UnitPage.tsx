import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { AreaName } from '../../components/AreaPicker.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatNumber } from '../../lib/format.ts';
import { UnitAdminActions } from './admin.tsx';
import { useReference, useUnit } from './api.ts';
import { CoverageEditor, FacilitiesEditor, ServicesEditor } from './editors.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { StaffList } from './StaffList.tsx';

export default function UnitPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const unit = useUnit(id);
  const me = useMe().data;
  const reference = useReference();
  const [editing, setEditing] = useState(false);
  const [editingServices, setEditingServices] = useState(false);
  const [editingCoverage, setEditingCoverage] = useState(false);
  if (unit.isPending) return <LoadingState />;
  if (unit.isError) return <ErrorState error={unit.error} onRetry={() => void unit.refetch()} />;
  const u = unit.data;
  // An archived unit is history: nobody edits it (the API refuses too).
  const mayEdit =
    !u.isArchived && (me?.role === 'admin' || (me?.role === 'kepala_upt' && me.unit?.id === u.id));
  const clusterName = (code: string) => {
    const c = reference.data?.clusters.find((x) => x.code === code);
    return c ? (i18n.language === 'en' ? c.nameEn : c.nameId) : code;
  };
  const residential = u.services.filter((s) => s.isResidential && s.residentialCapacity > 0);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/unit" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('units.back')}
        </Group>
      </Anchor>
      <div>
        <Group gap="xs">
          <Badge variant="outline">{u.code}</Badge>
          {u.isArchived ? (
            <Badge color="gray">
              {u.mergedIntoCode ? t('units.mergedInto', { code: u.mergedIntoCode }) : t('units.archived')}
            </Badge>
          ) : null}
          {!u.isVerified ? (
            <Badge color="yellow" variant="outline">
              {t('units.unverified')}
            </Badge>
          ) : null}
        </Group>
        <Title order={1} size="h2" mt="xs">
          {u.name}
        </Title>
        <Group justify="space-between" gap="xs">
          <Text c="dimmed" size="sm">
            {u.city}, {u.provinceName}
            {u.laterName ? ` · ${u.laterName}` : ''}
          </Text>
          {me?.role === 'admin' && !u.isArchived ? <UnitAdminActions unit={u} /> : null}
        </Group>
      </div>

      <Card withBorder padding="lg" component="section" aria-labelledby="profile-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="profile-title">
            {t('units.profile')}
          </Title>
          {mayEdit && !editing ? (
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              {t('units.edit')}
            </Button>
          ) : null}
        </Group>
        {editing ? (
          <ProfileForm unit={u} onDone={() => setEditing(false)} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {[
              [t('units.head'), u.headName],
              [t('units.phone'), u.phone],
              [t('units.email'), u.email],
              [t('units.address'), u.address],
              [t('units.area'), u.areaCode ? <AreaName key="area" code={u.areaCode} /> : null],
              [
                t('units.coordinates'),
                u.lat !== null && u.lon !== null ? `${formatNumber(u.lat)}, ${formatNumber(u.lon)}` : null,
              ],
              [t('units.staff'), formatNumber(u.staffCount)],
              [t('units.source'), u.source],
              [t('units.note'), u.note],
            ].map(([label, value]) => (
              <div key={String(label)}>
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
                <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
                  {value || '—'}
                </Text>
              </div>
            ))}
          </SimpleGrid>
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder padding="lg" component="section" aria-labelledby="services-title">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="services-title">
              {t('units.services')}
            </Title>
            {mayEdit && !editingServices ? (
              <Button size="xs" variant="default" onClick={() => setEditingServices(true)}>
                {t('units.editServices')}
              </Button>
            ) : null}
          </Group>
          {editingServices ? (
            <ServicesEditor unit={u} onDone={() => setEditingServices(false)} />
          ) : (
            <Table.ScrollContainer minWidth={380}>
              <Table verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('units.cluster')}</Table.Th>
                    <Table.Th>{t('units.residential')}</Table.Th>
                    <Table.Th>{t('units.family')}</Table.Th>
                    <Table.Th>{t('units.community')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {u.services.map((s) => (
                    <Table.Tr key={s.clusterCode}>
                      <Table.Td>{clusterName(s.clusterCode)}</Table.Td>
                      <Table.Td>
                        {s.isResidential ? `✓ ${formatNumber(s.residentialCapacity)}` : '—'}
                      </Table.Td>
                      <Table.Td>{s.isFamily ? '✓' : '—'}</Table.Td>
                      <Table.Td>{s.isCommunity ? '✓' : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
        <Stack gap="md">
          <Card withBorder padding="lg" component="section" aria-labelledby="capacity-title">
            <Title order={2} size="h4" id="capacity-title" mb="sm">
              {t('units.capacityUse')}
            </Title>
            {residential.length === 0 ? (
              <Text size="sm" c="dimmed">
                —
              </Text>
            ) : (
              <Stack gap="xs">
                {residential.map((s) => (
                  <div key={s.clusterCode}>
                    <Group justify="space-between">
                      <Text size="sm">{clusterName(s.clusterCode)}</Text>
                      <Text size="xs" c="dimmed">
                        {t('units.free', { free: s.residentialCapacity, total: s.residentialCapacity })}
                      </Text>
                    </Group>
                    <Progress value={0} aria-label={clusterName(s.clusterCode)} />
                  </div>
                ))}
              </Stack>
            )}
          </Card>
          <Card withBorder padding="lg" component="section" aria-labelledby="coverage-title">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" id="coverage-title">
                {t('units.coverage')}
              </Title>
              {mayEdit && !editingCoverage ? (
                <Button size="xs" variant="default" onClick={() => setEditingCoverage(true)}>
                  {t('units.editCoverage')}
                </Button>
              ) : null}
            </Group>
            {editingCoverage ? (
              <CoverageEditor unit={u} onDone={() => setEditingCoverage(false)} />
            ) : (
              <Group gap="xs">
                {u.coverage.map((c) => (
                  <Badge key={c.code} variant="outline" color={c.isDefault ? 'gray' : 'blue'}>
                    {c.name}
                    {c.isDefault ? ` (${t('units.defaultCoverage')})` : ''}
                  </Badge>
                ))}
              </Group>
            )}
          </Card>
          <Card withBorder padding="lg" component="section" aria-labelledby="facilities-title">
            <Title order={2} size="h4" id="facilities-title" mb="sm">
              {t('units.facilities')}
            </Title>
            {mayEdit ? (
              <FacilitiesEditor unit={u} />
            ) : u.facilities.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('units.noFacilities')}
              </Text>
            ) : (
              u.facilities.map((f) => (
                <Text size="sm" key={f.id}>
                  {f.kind === 'outlet' ? t('units.outlet') : t('units.warehouse')}: {f.name}
                </Text>
              ))
            )}
          </Card>
        </Stack>
      </SimpleGrid>
      {mayEdit ? <StaffList unitId={u.id} /> : null}
    </Stack>
  );
}
