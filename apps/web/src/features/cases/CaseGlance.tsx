import { CASE_STAGES, type TCase } from '@atensi/contracts';
import { Badge, Box, Card, Group, Progress, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatRupiah } from '../../lib/format.ts';
import { CaseFollowup } from '../followup/CaseFollowup.tsx';
import { useReference } from './api.ts';

/** The nine ATENSI stages: done ones checked, the current one marked, each with the day it was entered. */
export function StageStepper({ c }: { c: TCase }) {
  const { t } = useTranslation();
  const current = CASE_STAGES.indexOf(c.stage);
  const entered = new Map<string, { at: string; isOverride: boolean }>();
  for (const s of c.stages) entered.set(s.to, { at: s.at, isOverride: s.isOverride });
  return (
    <Box
      component="ol"
      aria-label={t('cases.glance.stepper')}
      data-testid="stage-stepper"
      style={{
        listStyle: 'none',
        padding: 0,
        margin: 0,
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
        gap: 8,
      }}
    >
      {CASE_STAGES.map((s, i) => {
        const isDone = i < current || (s === 'closed' && c.stage === 'closed');
        const isCurrent = i === current && s !== 'closed';
        const at = entered.get(s);
        return (
          <Group
            key={s}
            component="li"
            gap={8}
            wrap="nowrap"
            align="flex-start"
            aria-current={isCurrent ? 'step' : undefined}
            data-state={isCurrent ? 'current' : isDone ? 'done' : 'todo'}
            p={6}
            style={{
              borderRadius: 8,
              border: isCurrent
                ? '2px solid var(--mantine-color-blue-8)'
                : '1px solid var(--mantine-color-gray-3)',
              background: isCurrent ? 'var(--mantine-color-blue-0)' : undefined,
            }}
          >
            <ThemeIcon
              size={24}
              radius="xl"
              variant={isDone || isCurrent ? 'filled' : 'outline'}
              color={isDone ? 'teal.9' : isCurrent ? 'blue.8' : 'gray.7'}
              aria-hidden
            >
              {isDone ? <IconCheck size={14} /> : <Text size="xs">{i + 1}</Text>}
            </ThemeIcon>
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={isCurrent ? 700 : 500}>
                {t(`cases.stages.${s}`)}
              </Text>
              <Text size="xs" c="dimmed">
                {isCurrent ? `${t('cases.glance.current')} · ` : isDone ? `${t('cases.glance.done')} · ` : ''}
                {at && (isDone || isCurrent) ? formatDate(at.at) : ''}
                {at?.isOverride && (isDone || isCurrent) ? ` · ${t('cases.glance.byOverride')}` : ''}
              </Text>
            </div>
          </Group>
        );
      })}
    </Box>
  );
}

function GlanceCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h5" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** Plan progress, the next task and the last service: where the person stands. */
export function GlanceCards({ c }: { c: TCase }) {
  const { t } = useTranslation();
  const reference = useReference();
  const serviceName = (code: string) => reference.data?.services.find((s) => s.code === code)?.nameId ?? code;
  const openTasks = c.tasks
    .filter((x) => !x.doneAt)
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
  const next = openTasks[0];
  // Progress is measured against the approved plan; a newer draft does not govern yet.
  const governing = c.approvedPlan ?? c.plan;
  const last = [...c.services].sort((a, b) => b.deliveredOn.localeCompare(a.deliveredOn))[0];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      <GlanceCard id="glance-plan" title={t('cases.glance.plan')}>
        {!governing ? (
          <Text size="sm" c="dimmed">
            {t('cases.glance.noPlan')}
          </Text>
        ) : (
          <Stack gap="sm" data-testid="plan-progress">
            {governing.items.map((it) => {
              const pct = it.plannedQuantity ? (it.deliveredQuantity / it.plannedQuantity) * 100 : 0;
              return (
                <div key={it.id}>
                  <Text size="sm" fw={500} lineClamp={2}>
                    {serviceName(it.serviceCode)}: {it.description}
                  </Text>
                  <Progress
                    value={Math.min(100, pct)}
                    color={pct >= 100 ? 'teal.9' : 'blue.8'}
                    aria-label={`${it.description}: ${Math.round(pct)}%`}
                    my={4}
                  />
                  <Group justify="space-between" gap={4}>
                    <Text size="xs">
                      {t('cases.glance.delivered', {
                        done: it.deliveredQuantity,
                        planned: it.plannedQuantity,
                      })}
                    </Text>
                    <Text size="xs">
                      {t('cases.glance.money', {
                        spent: formatRupiah(it.deliveredRupiah),
                        budget: formatRupiah(it.budgetRupiah),
                      })}
                    </Text>
                  </Group>
                </div>
              );
            })}
          </Stack>
        )}
      </GlanceCard>
      <GlanceCard id="glance-task" title={t('cases.glance.nextTask')}>
        {!next ? (
          <Text size="sm" c="dimmed">
            {t('cases.glance.noTask')}
          </Text>
        ) : (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {next.title}
            </Text>
            <Group gap={6}>
              {next.overdue ? (
                <Badge color="red" variant="filled">
                  {t('cases.glance.overdue')}
                </Badge>
              ) : null}
              <Text size="sm" c={next.overdue ? 'red.9' : undefined}>
                {t('cases.glance.due', { date: formatDate(next.dueOn) })}
              </Text>
            </Group>
          </Stack>
        )}
      </GlanceCard>
      <GlanceCard id="glance-service" title={t('cases.glance.lastService')}>
        {!last ? (
          <Text size="sm" c="dimmed">
            {t('cases.glance.noService')}
          </Text>
        ) : (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {serviceName(last.serviceCode)}
            </Text>
            <Text size="sm">
              {formatDate(last.deliveredOn)} · {formatRupiah(last.costRupiah)}
            </Text>
            {last.notes ? (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {last.notes}
              </Text>
            ) : null}
          </Stack>
        )}
      </GlanceCard>
      {/* Follow-up surveys and schedule (issue 6): owned by features/followup, a full-width row. */}
      <CaseFollowup c={c} />
    </SimpleGrid>
  );
}
