import { SURVEY_KINDS, type TCase, type TCaseSchedule, type TScheduleEntry } from '@atensi/contracts';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconClipboardPlus, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { notify } from '../../components/notify.ts';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatRupiah } from '../../lib/format.ts';
import {
  SURVEY_WRITER_ROLES,
  useCaseSchedule,
  useCaseSurveys,
  useDefaultSchedule,
  usePutSchedule,
} from './api.ts';
import { day, SaveError } from './parts.tsx';

const STATUS_COLOR: Record<TScheduleEntry['status'], string> = {
  done: 'teal',
  overdue: 'red',
  due: 'blue',
  upcoming: 'gray',
};

/**
 * The case's follow-up (on the case page): its survey schedule (due dates, fulfilled or not, editable by
 * the case's workers) and the surveys recorded, with the way to record one.
 */
export function CaseFollowup({ c }: { c: TCase }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const schedule = useCaseSchedule(c.id);
  const surveys = useCaseSurveys(c.id, c.person.id);
  const makeDefault = useDefaultSchedule(c.id);
  const [editing, setEditing] = useState(false);
  const canRecord = Boolean(me && SURVEY_WRITER_ROLES.includes(me.role)) && c.stage !== 'closed';
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="case-followup"
      data-testid="case-followup"
      style={{ gridColumn: '1 / -1' }}
    >
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={2} size="h5" id="case-followup">
          {t('followup.caseSection.title')}
        </Title>
        {canRecord ? (
          <Button
            component={Link}
            to={`/kasus/${c.id}/survei/baru`}
            size="sm"
            leftSection={<IconClipboardPlus size={16} aria-hidden />}
          >
            {t('followup.due.record')}
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <Group justify="space-between" gap="xs">
            <Text fw={600} size="sm" id="case-schedule">
              {t('followup.caseSection.schedule')}
            </Text>
            {schedule.data?.canEdit && !editing ? (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconEdit size={14} aria-hidden />}
                onClick={() => setEditing(true)}
              >
                {t('followup.caseSection.editSchedule')}
              </Button>
            ) : null}
          </Group>
          {schedule.isPending ? (
            <LoadingState rows={3} />
          ) : schedule.isError ? (
            <ErrorState error={schedule.error} onRetry={() => void schedule.refetch()} />
          ) : editing ? (
            <ScheduleEditor
              caseId={c.id}
              schedule={schedule.data}
              onDone={() => setEditing(false)}
              onReload={() => void schedule.refetch()}
            />
          ) : schedule.data.items.length === 0 ? (
            <Stack gap="xs" align="flex-start">
              <Text size="sm" c="dimmed">
                {t('followup.caseSection.noSchedule')}
              </Text>
              {schedule.data.canEdit && canRecord ? (
                <Button
                  size="xs"
                  variant="light"
                  loading={makeDefault.isPending}
                  onClick={() => makeDefault.mutate()}
                >
                  {t('followup.caseSection.createDefault')}
                </Button>
              ) : null}
              {makeDefault.error ? <ErrorState error={makeDefault.error} /> : null}
            </Stack>
          ) : (
            <Stack
              component="ul"
              gap={6}
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-labelledby="case-schedule"
              data-testid="case-schedule"
            >
              {schedule.data.items.map((s) => (
                <Group key={s.id} component="li" gap="xs" justify="space-between" wrap="wrap">
                  <Text size="sm">
                    {day(s.dueOn)} · {t(`followup.kinds.${s.kind}`)}
                  </Text>
                  <Badge
                    variant="light"
                    c="dark.8"
                    color={STATUS_COLOR[s.status]}
                    style={{ textTransform: 'none' }}
                  >
                    {s.status === 'done' && s.surveyedOn
                      ? t('followup.caseSection.fulfilled', { date: day(s.surveyedOn) })
                      : t(`followup.scheduleStatus.${s.status}`)}
                  </Badge>
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
        <Stack gap="xs">
          <Text fw={600} size="sm" id="case-surveys">
            {t('followup.caseSection.surveys')}
          </Text>
          {surveys.isPending ? (
            <LoadingState rows={3} />
          ) : surveys.isError ? (
            <ErrorState error={surveys.error} onRetry={() => void surveys.refetch()} />
          ) : surveys.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('followup.caseSection.noSurveys')}
            </Text>
          ) : (
            <Stack
              component="ul"
              gap={6}
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-labelledby="case-surveys"
              data-testid="case-surveys"
            >
              {surveys.data.items.map((s) => (
                <Group
                  key={s.id}
                  component="li"
                  gap="xs"
                  justify="space-between"
                  wrap="nowrap"
                  align="flex-start"
                >
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500}>
                      {day(s.surveyedOn)} · {formatRupiah(s.monthlyIncome)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`followup.kinds.${s.kind}`)} · {t(`followup.workStatus.${s.workStatus}`)}
                      {s.recordedBy ? ` · ${s.recordedBy}` : ''}
                    </Text>
                  </div>
                  {s.canEdit && canRecord ? (
                    <Anchor
                      component={Link}
                      to={`/kasus/${c.id}/survei/${s.id}/ubah`}
                      size="sm"
                      aria-label={t('followup.caseSection.editSurvey', { date: day(s.surveyedOn) })}
                    >
                      {t('followup.caseSection.edit')}
                    </Anchor>
                  ) : null}
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

let newRows = 0;

type Row = { key: string; id?: string; version?: number; kind: TScheduleEntry['kind']; dueOn: string };

/** Edit the open entries of the schedule (done ones stay as they are): dates, kinds, add or remove. */
function ScheduleEditor({
  caseId,
  schedule,
  onDone,
  onReload,
}: {
  caseId: string;
  schedule: TCaseSchedule;
  onDone: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const put = usePutSchedule(caseId);
  const [rows, setRows] = useState<Row[]>(() =>
    schedule.items
      .filter((s) => !s.surveyId)
      .map((s) => ({ key: s.id, id: s.id, version: s.version, kind: s.kind, dueOn: s.dueOn })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const done = schedule.items.filter((s) => s.surveyId);
  const change = (key: string, patch: Partial<Row>) =>
    setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  function save() {
    const e: Record<string, string> = {};
    for (const r of rows) if (!r.dueOn) e[r.key] = t('followup.form.required');
    setErrors(e);
    if (Object.keys(e).length) return;
    put.mutate(
      {
        items: rows.map((r) =>
          r.id
            ? { id: r.id, version: r.version, kind: r.kind, dueOn: r.dueOn }
            : { kind: r.kind, dueOn: r.dueOn },
        ),
      },
      {
        onSuccess: () => {
          notify(t('followup.caseSection.scheduleSaved'));
          onDone();
        },
      },
    );
  }

  return (
    <Stack gap="xs" data-testid="schedule-editor">
      {done.map((s) => (
        <Text key={s.id} size="sm" c="dimmed">
          {day(s.dueOn)} · {t(`followup.kinds.${s.kind}`)} ·{' '}
          {t('followup.caseSection.fulfilled', { date: s.surveyedOn ? day(s.surveyedOn) : '' })}
        </Text>
      ))}
      {rows.map((r, i) => (
        <Group key={r.key} gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label={t('followup.caseSection.dueOn')}
            value={r.dueOn}
            onChange={(ev) => change(r.key, { dueOn: ev.currentTarget.value })}
            error={errors[r.key]}
            style={{ flex: 1, minWidth: 150 }}
          />
          <NativeSelect
            label={t('followup.caseSection.kind')}
            value={r.kind}
            onChange={(ev) => change(r.key, { kind: ev.currentTarget.value as Row['kind'] })}
            data={SURVEY_KINDS.map((k) => ({ value: k, label: t(`followup.kinds.${k}`) }))}
            style={{ flex: 1, minWidth: 150 }}
          />
          <ActionIcon
            variant="light"
            color="red"
            size="lg"
            onClick={() => setRows((prev) => prev.filter((x) => x.key !== r.key))}
            aria-label={t('followup.caseSection.removeEntry', { n: i + 1 })}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconPlus size={14} aria-hidden />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => setRows((prev) => [...prev, { key: `new-${++newRows}`, kind: 'followup', dueOn: '' }])}
      >
        {t('followup.caseSection.add')}
      </Button>
      <SaveError error={put.error} onReload={onReload} conflict={t('followup.caseSection.conflict')} />
      <Group gap="xs" justify="flex-end">
        <Button variant="default" size="xs" onClick={onDone}>
          {t('followup.form.cancel')}
        </Button>
        <Button size="xs" onClick={save} loading={put.isPending}>
          {t('followup.caseSection.saveSchedule')}
        </Button>
      </Group>
    </Stack>
  );
}
