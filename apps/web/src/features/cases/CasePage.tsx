import type { TCase, TCaseStage } from '@atensi/contracts';
import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconLock } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate } from '../../lib/format.ts';
import { AssessmentTab } from './AssessmentTab.tsx';
import { CASE_WORKER_ROLES, useCase, useReference } from './api.ts';
import { NotesTab, ServicesTab } from './CaseForms.tsx';
import { GlanceCards, StageStepper } from './CaseGlance.tsx';
import { LifecycleTab, TerminationTab } from './CaseLifecycle.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { StageBadge } from './parts.tsx';
import { StageControl } from './StageControl.tsx';
import { TasksTab } from './TasksTab.tsx';

type Tab = 'assessment' | 'plan' | 'services' | 'notes' | 'tasks' | 'termination' | 'more';

/** The section a worker needs in each stage opens first. */
const TAB_FOR_STAGE: Record<TCaseStage, Tab> = {
  intake: 'notes',
  approach: 'notes',
  assessment: 'assessment',
  plan: 'plan',
  intervention: 'services',
  evaluation: 'assessment',
  termination: 'termination',
  aftercare: 'tasks',
  closed: 'more',
};

/** A case at a glance (/kasus/:id): where the person stands, and the forms of each stage. */
export default function CasePage() {
  const { id = '' } = useParams();
  const c = useCase(id);
  if (c.isPending) return <LoadingState />;
  if (c.isError) return <ErrorState error={c.error} onRetry={() => void c.refetch()} />;
  return <CaseView c={c.data} />;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function CaseView({ c }: { c: TCase }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const reference = useReference();
  const canWork = Boolean(me && CASE_WORKER_ROLES.includes(me.role));
  const isHead = me?.role === 'kepala_upt';
  const [tab, setTab] = useState<Tab>(() =>
    TAB_FOR_STAGE[c.stage] === 'more' && !canWork ? 'notes' : TAB_FOR_STAGE[c.stage],
  );
  const cluster = reference.data?.clusters.find((x) => x.code === c.clusterCode)?.nameId ?? c.clusterCode;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/pm/${c.person.id}`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('cases.backToPerson')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h2">
            {t('cases.title')} {c.caseNo}
          </Title>
          <Anchor component={Link} to={`/pm/${c.person.id}`} fw={600}>
            {c.person.fullName}
          </Anchor>
        </div>
        <StageBadge stage={c.stage} />
      </Group>
      <Card withBorder padding="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
          <Fact label={t('cases.unit')}>
            {c.unit.name} ({c.unit.code})
          </Fact>
          <Fact label={t('cases.cluster')}>{cluster}</Fact>
          <Fact label={t('cases.approaches')}>
            <Group gap={4}>
              {c.approaches.map((a) => (
                <Badge key={a} size="sm" variant="outline" style={{ textTransform: 'none' }}>
                  {t(`cases.approach.${a}`)}
                </Badge>
              ))}
            </Group>
          </Fact>
          <Fact label={t('cases.worker')}>{c.worker?.displayName ?? t('cases.noWorker')}</Fact>
          <Fact label={t('cases.intakeDate')}>
            {formatDate(c.intakeDate)} · {t(`cases.sources.${c.intakeSource}`)}
          </Fact>
          <Fact label={t('cases.stage')}>
            {c.admittedAt
              ? `${t('cases.glance.admitted', { date: formatDate(c.admittedAt) })}${
                  c.dischargedAt
                    ? `, ${t('cases.glance.discharged', { date: formatDate(c.dischargedAt) })}`
                    : ''
                }`
              : t(`cases.stages.${c.stage}`)}
          </Fact>
        </SimpleGrid>
      </Card>
      {c.stage === 'closed' && c.closedReason ? (
        <Alert color="gray" icon={<IconLock aria-hidden />}>
          {t('cases.glance.closedBanner', { reason: c.closedReason })}
        </Alert>
      ) : null}
      <StageStepper c={c} />
      {canWork ? (
        <StageControl c={c} isHead={isHead} onMoved={(s) => setTab(TAB_FOR_STAGE[s])} />
      ) : c.missingForNext.length ? (
        <Text size="sm">
          {t('cases.glance.missingTitle')}: {c.missingForNext.join(', ')}
        </Text>
      ) : null}
      <GlanceCards c={c} />
      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false}>
        <Tabs.List aria-label={t('cases.tabs.label')}>
          <Tabs.Tab value="assessment">{t('cases.tabs.assessment')}</Tabs.Tab>
          <Tabs.Tab value="plan">{t('cases.tabs.plan')}</Tabs.Tab>
          <Tabs.Tab value="services">{t('cases.tabs.services')}</Tabs.Tab>
          <Tabs.Tab value="notes">{t('cases.tabs.notes')}</Tabs.Tab>
          <Tabs.Tab value="tasks">{t('cases.tabs.tasks')}</Tabs.Tab>
          <Tabs.Tab value="termination">{t('cases.tabs.termination')}</Tabs.Tab>
          {canWork ? <Tabs.Tab value="more">{t('cases.lifecycle.title')}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="assessment" pt="md">
          <AssessmentTab c={c} canWork={canWork && c.stage !== 'closed'} />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="md">
          <PlanEditor c={c} canWork={canWork} isHead={isHead} />
        </Tabs.Panel>
        <Tabs.Panel value="services" pt="md">
          <ServicesTab c={c} canWork={canWork} />
        </Tabs.Panel>
        <Tabs.Panel value="notes" pt="md">
          <NotesTab c={c} canWork={canWork} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="md">
          <TasksTab c={c} canWork={canWork} />
        </Tabs.Panel>
        <Tabs.Panel value="termination" pt="md">
          <TerminationTab c={c} canWork={canWork} />
        </Tabs.Panel>
        {canWork ? (
          <Tabs.Panel value="more" pt="md">
            <LifecycleTab c={c} canWork={canWork} isHead={isHead} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Stack>
  );
}
