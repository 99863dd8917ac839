import type { TPersonRoadmap } from '@atensi/contracts';
import { Badge, Box, Card, Group, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconTrophy } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { usePersonRoadmap } from './api.ts';
import { CriteriaList } from './criteria.tsx';
import { day } from './parts.tsx';

type Level = TPersonRoadmap['levels'][number];

// The chart library is large: load it only when a person with surveys is shown.
const IncomeChart = lazy(() => import('./IncomeChart.tsx').then((m) => ({ default: m.IncomeChart })));

/**
 * A person's roadmap (on the person page): the ladder with the level they stand on, when each was reached
 * and on what evidence, what is still missing for the next one, and income against the minimum wage.
 */
export function RoadmapPanel({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const roadmap = usePersonRoadmap(personId);
  // Roles without follow-up access (e.g. SKA officers) see the person page without this panel.
  if (roadmap.error instanceof ApiError && roadmap.error.status === 403) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="roadmap-title" data-testid="roadmap">
      <Title order={2} size="h4" id="roadmap-title" mb="sm">
        {t('followup.roadmap.title')}
      </Title>
      {roadmap.isPending ? (
        <LoadingState rows={4} />
      ) : roadmap.isError ? (
        <ErrorState error={roadmap.error} onRetry={() => void roadmap.refetch()} />
      ) : (
        <RoadmapView r={roadmap.data} />
      )}
    </Card>
  );
}

function RoadmapView({ r }: { r: TPersonRoadmap }) {
  const { t, i18n } = useTranslation();
  const name = (l: { nameId: string; nameEn: string }) => (i18n.language === 'en' ? l.nameEn : l.nameId);
  const levels = [...r.levels].sort((a, b) => a.level - b.level);
  const current = levels.find((l) => l.level === r.level);
  const next = r.next ? levels.find((l) => l.level === r.next?.level) : undefined;
  const surveyDates = new Map(r.incomeSeries.map((s) => [s.surveyId, s.surveyedOn]));
  const series = [...r.incomeSeries].sort((a, b) => a.surveyedOn.localeCompare(b.surveyedOn));
  // The income thresholds of the ladder below the full minimum wage (e.g. 0.5 × for "earning").
  const lowerRatio = levels
    .flatMap((l) => l.criteria.map((c) => c.criterion))
    .flatMap((c) => (c.kind === 'income_at_least' && c.ratio < 1 ? [c.ratio] : []))
    .sort((a, b) => a - b)[0];
  const top = levels.at(-1)?.level ?? 0;
  const reachedCount = r.level === null ? 0 : levels.filter((l) => l.level <= (r.level ?? -1)).length;

  return (
    <Stack gap="md">
      <Group gap="sm" wrap="wrap" align="center">
        <Text size="sm">{t('followup.roadmap.current')}:</Text>
        <Badge
          size="lg"
          variant="filled"
          color={r.graduatedOn ? 'teal.9' : 'blue.8'}
          data-testid="roadmap-level"
          style={{ textTransform: 'none' }}
        >
          {current
            ? `${t('followup.roadmap.levelN', { level: current.level })} · ${name(current)}`
            : t('followup.roadmap.none')}
        </Badge>
        {r.independentOn ? (
          <Text size="sm">{t('followup.roadmap.independentOn', { date: day(r.independentOn) })}</Text>
        ) : null}
        {r.graduatedOn ? (
          <Badge
            color="teal"
            variant="light"
            c="dark.8"
            leftSection={<IconTrophy size={12} aria-hidden />}
            style={{ textTransform: 'none' }}
          >
            {t('followup.roadmap.graduatedOn', { date: day(r.graduatedOn) })}
          </Badge>
        ) : null}
      </Group>
      <Progress
        value={levels.length ? (reachedCount / levels.length) * 100 : 0}
        color={r.level === top ? 'teal.9' : 'blue.8'}
        aria-label={t('followup.roadmap.progress', { reached: reachedCount, total: levels.length })}
      />
      <Box
        component="ol"
        aria-label={t('followup.roadmap.stepper')}
        data-testid="roadmap-stepper"
        style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 8 }}
      >
        {levels.map((l) => (
          <LevelStep
            key={l.level}
            l={l}
            name={name(l)}
            isCurrent={l.level === r.level}
            milestone={r.milestones.find((m) => m.level === l.level && !m.revokedAt)}
            surveyDates={surveyDates}
          />
        ))}
      </Box>

      <Stack gap={4} component="section" aria-labelledby="roadmap-next" data-testid="roadmap-next">
        <Text fw={600} id="roadmap-next">
          {r.next && next
            ? t('followup.roadmap.missing', {
                name: `${t('followup.roadmap.levelN', { level: next.level })} · ${name(next)}`,
              })
            : t('followup.roadmap.nothingMissing')}
        </Text>
        {r.next ? <CriteriaList results={r.next.missing} surveyDates={surveyDates} /> : null}
      </Stack>

      {series.length === 0 ? (
        <EmptyState text={t('followup.roadmap.empty')} />
      ) : (
        <Suspense fallback={<LoadingState rows={4} />}>
          <IncomeChart
            lowerRatio={lowerRatio ?? null}
            points={series.map((s) => ({
              date: s.surveyedOn,
              income: s.monthlyIncome,
              minimumWage: s.minimumWage,
              kind: s.minimumWageKind,
            }))}
          />
        </Suspense>
      )}
    </Stack>
  );
}

function LevelStep({
  l,
  name,
  isCurrent,
  milestone,
  surveyDates,
}: {
  l: Level;
  name: string;
  isCurrent: boolean;
  milestone: TPersonRoadmap['milestones'][number] | undefined;
  surveyDates: Map<string, string>;
}) {
  const { t } = useTranslation();
  const holds = l.status === 'holds';
  const lost = l.status === 'lost';
  return (
    <Box
      component="li"
      aria-current={isCurrent ? 'step' : undefined}
      data-state={isCurrent ? 'current' : holds ? 'done' : lost ? 'lost' : 'todo'}
      p="xs"
      style={{
        borderRadius: 8,
        border: isCurrent ? '2px solid var(--mantine-color-blue-8)' : '1px solid var(--mantine-color-gray-3)',
        background: isCurrent ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Group gap={8} wrap="nowrap" align="flex-start">
        <ThemeIcon
          size={26}
          radius="xl"
          variant={holds || isCurrent ? 'filled' : 'outline'}
          color={lost ? 'orange.9' : holds ? 'teal.9' : 'gray.7'}
          aria-hidden
        >
          {lost ? (
            <IconAlertTriangle size={14} />
          ) : holds ? (
            <IconCheck size={14} />
          ) : (
            <Text size="xs">{l.level}</Text>
          )}
        </ThemeIcon>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={isCurrent ? 700 : 500}>
            {t('followup.roadmap.levelN', { level: l.level })} · {name}
            {l.isGraduation ? ` (${t('followup.roadmap.graduated')})` : ''}
          </Text>
          <Text size="xs" c={lost ? 'orange.9' : 'dimmed'}>
            {isCurrent ? `${t('followup.roadmap.currentShort')} · ` : ''}
            {l.reachedOn
              ? t(lost ? 'followup.roadmap.lost' : 'followup.roadmap.reached', { date: day(l.reachedOn) })
              : t('followup.roadmap.notYet')}
          </Text>
          {milestone ? (
            <details>
              <summary>
                <Text span size="xs">
                  {t('followup.roadmap.evidence')}
                </Text>
              </summary>
              <CriteriaList results={milestone.evidence} surveyDates={surveyDates} />
            </details>
          ) : null}
        </div>
      </Group>
    </Box>
  );
}
