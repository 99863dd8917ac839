import type { TPerson } from '@atensi/contracts';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconId, IconShieldCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { PersonCases } from '../cases/PersonCases.tsx';
import { RoadmapPanel } from '../followup/RoadmapPanel.tsx';
import { PEOPLE_WRITER_ROLES, usePerson } from './api.ts';
import { ConsentPanel } from './ConsentPanel.tsx';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { birthLine, useSexAge, WarningBadges } from './parts.tsx';
import { SensitiveSection } from './SensitiveSection.tsx';

function Fields({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm" component="div" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
            {value === null || value === undefined || value === '' ? '—' : value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

export default function PersonPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  if (person.isPending) return <LoadingState />;
  if (person.isError) return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;
  return <PersonView p={person.data} />;
}

function PersonView({ p }: { p: TPerson }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const sexAge = useSexAge();
  const mayEdit = Boolean(me && PEOPLE_WRITER_ROLES.includes(me.role)) && !p.mergedIntoId;
  const none = (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
  const address = [...p.areaPath]
    .reverse()
    .map((a) => a.name)
    .join(', ');
  const rtRw = p.rt || p.rw ? `RT ${p.rt ?? '—'} / RW ${p.rw ?? '—'}` : null;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/pm" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('people.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h2">
            {p.fullName}
          </Title>
          <Text c="dimmed" size="sm">
            {sexAge(p)}
            {p.aliases.length ? ` · ${t('people.aka')} ${p.aliases.join(', ')}` : ''}
          </Text>
          <Group gap="xs" mt={4}>
            {p.nik ? (
              <Badge
                variant="outline"
                color="gray"
                leftSection={<IconId size={12} aria-hidden />}
                style={{ textTransform: 'none' }}
              >
                NIK {p.nik}
              </Badge>
            ) : null}
            <WarningBadges warnings={p.warnings} />
            {p.mergedIntoId ? (
              <Badge color="gray">
                <Anchor component={Link} to={`/pm/${p.mergedIntoId}`} inherit c="inherit">
                  {t('people.mergedInto')}
                </Anchor>
              </Badge>
            ) : null}
          </Group>
        </div>
        {mayEdit ? (
          <Button component={Link} to={`/pm/${p.id}/ubah`} leftSection={<IconEdit size={16} aria-hidden />}>
            {t('people.edit')}
          </Button>
        ) : null}
      </Group>

      <Section id="profile-title" title={t('people.sec.profile')}>
        <Fields
          rows={[
            [
              t('people.nik'),
              p.nik ?? (p.noNikReason ? `${t('people.noNik')}: ${p.noNikReason}` : t('people.noNik')),
            ],
            [t('people.kk'), p.kkNo],
            [t('people.birth'), birthLine(p.birthDate, p.birthDateEstimated, p.birthPlace, t)],
            [t('people.motherName'), p.motherName],
            [t('people.religion'), p.religion ? t(`people.religions.${p.religion}`) : null],
            [t('people.maritalStatus'), p.maritalStatus ? t(`people.marital.${p.maritalStatus}`) : null],
            [t('people.nationality'), t(`people.nationalities.${p.nationality}`)],
            [t('people.registeredBy'), `${p.registeredUnit.name} (${p.registeredUnit.code})`],
            [t('people.registeredAt'), formatDateTime(p.createdAt)],
          ]}
        />
      </Section>

      <Section id="address-title" title={t('people.sec.address')}>
        <Fields
          rows={[
            [t('people.areaCode'), address],
            [t('people.street'), [p.street, rtRw].filter(Boolean).join(', ')],
            [
              t('people.locationKind'),
              p.currentLocationKind
                ? [t(`people.locationKinds.${p.currentLocationKind}`), p.currentLocation]
                    .filter(Boolean)
                    .join(': ')
                : p.currentLocation,
            ],
          ]}
        />
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section id="phones-title" title={t('people.sec.phones')}>
          {p.phones.length === 0 ? (
            none
          ) : (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {p.phones.map((ph) => (
                <Text key={ph.phone} size="sm" component="li">
                  <Anchor href={`tel:${ph.phone}`}>{ph.phone}</Anchor> · {t(`people.owners.${ph.owner}`)}
                  {ph.relationship ? ` (${ph.relationship})` : ''}
                </Text>
              ))}
            </Stack>
          )}
        </Section>
        <Section id="family-title" title={t('people.sec.family')}>
          {p.relations.length === 0 ? (
            none
          ) : (
            <Stack
              gap={6}
              component="ul"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
              data-testid="relations"
            >
              {p.relations.map((r) => (
                <Group key={r.id} gap="xs" component="li" wrap="wrap">
                  {r.relatedPersonId ? (
                    <Anchor component={Link} to={`/pm/${r.relatedPersonId}`} size="sm" fw={600}>
                      {r.name ?? t('people.registeredPerson')}
                    </Anchor>
                  ) : (
                    <Text size="sm" fw={600}>
                      {r.name}
                    </Text>
                  )}
                  <Text size="sm">· {r.relationship}</Text>
                  {r.isGuardian ? (
                    <Badge
                      size="sm"
                      variant="light"
                      color="teal"
                      leftSection={<IconShieldCheck size={12} aria-hidden />}
                    >
                      {t('people.guardian')}
                    </Badge>
                  ) : null}
                  {r.phone ? (
                    <Anchor href={`tel:${r.phone}`} size="sm">
                      {r.phone}
                    </Anchor>
                  ) : null}
                </Group>
              ))}
            </Stack>
          )}
        </Section>
      </SimpleGrid>

      <Section id="categories-title" title={t('people.sec.categories')}>
        <Fields
          rows={[
            [
              t('people.clusters'),
              p.clusters.length ? (
                <Group gap={4} key="clusters">
                  {p.clusters.map((c) => (
                    <Badge key={c.code} variant="light" style={{ textTransform: 'none' }}>
                      {c.name}
                    </Badge>
                  ))}
                </Group>
              ) : null,
            ],
            [t('people.ppksCategories'), p.ppks.map((x) => `${x.no}. ${x.name}`).join('\n')],
            [
              t('people.disability'),
              [p.disabilityType, p.disabilityLevel ? t(`people.disabilityLevels.${p.disabilityLevel}`) : null]
                .filter(Boolean)
                .join(', '),
            ],
          ]}
        />
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section id="units-title" title={t('people.sec.units')}>
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {p.units.map((u) => (
              <Text key={`${u.id}-${u.reason}`} size="sm" component="li">
                {u.name} ({u.code}) · {t(`people.unitReasons.${u.reason}`)}
              </Text>
            ))}
          </Stack>
        </Section>
        <Section id="kk-title" title={t('people.sec.kkHistory')}>
          {p.kkHistory.length === 0 ? (
            none
          ) : (
            <Table.ScrollContainer minWidth={280}>
              <Table verticalSpacing={4} aria-labelledby="kk-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('people.kk')}</Table.Th>
                    <Table.Th>{t('people.kkFrom')}</Table.Th>
                    <Table.Th>{t('people.kkUntil')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.kkHistory.map((k) => (
                    <Table.Tr key={`${k.kkNo}-${k.recordedAt}`}>
                      <Table.Td ff="monospace">{k.kkNo}</Table.Td>
                      <Table.Td>{formatDate(k.recordedAt)}</Table.Td>
                      <Table.Td>{k.endedAt ? formatDate(k.endedAt) : t('people.kkCurrent')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
      </SimpleGrid>

      {p.mayReadSensitive ? <SensitiveSection personId={p.id} mayEdit={p.mayReadSensitive} /> : null}

      <Stack gap="md" data-testid="person-panels">
        <DocumentsPanel person={p} />
        <ConsentPanel person={p} />
      </Stack>

      {/* Cases (issue 5): owned by features/cases; keep this edit to the one line. */}
      <PersonCases personId={p.id} />
      {/* Roadmap and income (issue 6): owned by features/followup; keep this edit to the one line. */}
      <RoadmapPanel personId={p.id} />
    </Stack>
  );
}
