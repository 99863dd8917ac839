import type { TCohort, TTrainingSession } from '@atensi/contracts';
import {
  Accordion,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { notify } from '../../components/notify.ts';
import { EmptyState, ErrorState } from '../../components/states.tsx';
import { todayLocal } from '../../lib/dates.ts';
import { formatDate } from '../../lib/format.ts';
import { useCohortAction } from './api.ts';

/** Sessions, each with an attendance checklist that works with a thumb on a phone. */
export function Sessions({ cohort, canRun }: { cohort: TCohort; canRun: boolean }) {
  const { t } = useTranslation();
  const participants = cohort.enrolments.filter((e) => e.status !== 'dropped');
  return (
    <section aria-labelledby="sessions-title">
      <Title order={2} size="h4" id="sessions-title" mb="sm">
        {t('training.cohort.sessions')}
      </Title>
      <Stack gap="sm">
        {canRun ? <AddSession cohort={cohort} /> : null}
        {cohort.sessions.length === 0 ? (
          <EmptyState text={t('training.cohort.noSessions')} />
        ) : (
          <Accordion variant="separated" chevronPosition="right">
            {cohort.sessions.map((s) => (
              <Accordion.Item key={s.id} value={s.id}>
                <Accordion.Control>
                  <Group justify="space-between" wrap="wrap" gap={4} pr="xs">
                    <div>
                      <Text size="sm" fw={600}>
                        {formatDate(s.heldOn)} · {s.topic}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {s.hours} {t('training.cohort.sessionHours').toLowerCase()}
                      </Text>
                    </div>
                    <Text size="xs" fw={600} c={s.recorded ? undefined : 'dimmed'}>
                      {s.recorded
                        ? t('training.cohort.presentCount', {
                            present: s.present.length,
                            total: participants.length,
                          })
                        : t('training.cohort.notRecorded')}
                    </Text>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Attendance cohort={cohort} session={s} canRun={canRun} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
      </Stack>
    </section>
  );
}

function AddSession({ cohort }: { cohort: TCohort }) {
  const { t } = useTranslation();
  const action = useCohortAction(cohort.id);
  const today = todayLocal();
  const [heldOn, setHeldOn] = useState(
    today >= cohort.startsOn && today <= cohort.endsOn ? today : cohort.startsOn,
  );
  const [topic, setTopic] = useState('');
  const [hours, setHours] = useState<number | string>(4);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const err = action.error instanceof ApiError ? action.error : null;
  const submit = () => {
    const e: Record<string, string> = {};
    if (!heldOn) e.heldOn = t('training.cohortForm.required');
    else if (heldOn < cohort.startsOn || heldOn > cohort.endsOn)
      e.heldOn = t('training.cohort.sessionOutside');
    if (!topic.trim()) e.topic = t('training.cohortForm.required');
    const h = Number(hours);
    if (!Number.isInteger(h) || h < 1 || h > 24) e.hours = '1–24';
    setErrors(e);
    if (Object.keys(e).length) return;
    action.mutate(
      { path: '/sessions', body: { heldOn, topic: topic.trim(), hours: h } },
      {
        onSuccess: () => {
          notify(t('training.cohort.sessionAdded'));
          setTopic('');
        },
      },
    );
  };
  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          submit();
        }}
      >
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            type="date"
            label={t('training.cohort.sessionDate')}
            value={heldOn}
            min={cohort.startsOn}
            max={cohort.endsOn}
            onChange={(e) => setHeldOn(e.currentTarget.value)}
            required
            error={errors.heldOn ?? err?.fieldError('heldOn')}
            style={{ flex: '1 1 150px' }}
          />
          <TextInput
            label={t('training.cohort.sessionTopic')}
            value={topic}
            onChange={(e) => setTopic(e.currentTarget.value)}
            required
            maxLength={300}
            error={errors.topic ?? err?.fieldError('topic')}
            style={{ flex: '3 1 220px' }}
          />
          <NumberInput
            label={t('training.cohort.sessionHours')}
            value={hours}
            onChange={setHours}
            min={1}
            max={24}
            allowDecimal={false}
            required
            error={errors.hours}
            style={{ flex: '0 1 90px' }}
          />
        </Group>
        {action.error && !err?.details.length ? <ErrorState error={action.error} /> : null}
        <Button
          type="submit"
          mt="sm"
          leftSection={<IconPlus size={16} aria-hidden />}
          loading={action.isPending}
        >
          {t('training.cohort.addSession')}
        </Button>
      </form>
    </Paper>
  );
}

function Attendance({
  cohort,
  session,
  canRun,
}: {
  cohort: TCohort;
  session: TTrainingSession;
  canRun: boolean;
}) {
  const { t } = useTranslation();
  const action = useCohortAction(cohort.id);
  const participants = cohort.enrolments.filter((e) => e.status !== 'dropped');
  const [present, setPresent] = useState<Set<string>>(() => new Set(session.present));
  if (!participants.length)
    return (
      <Text size="sm" c="dimmed">
        {t('training.cohort.noActive')}
      </Text>
    );
  const save = () =>
    action.mutate(
      {
        path: `/sessions/${session.id}/attendance`,
        method: 'PUT',
        body: { attendance: participants.map((e) => ({ personId: e.personId, present: present.has(e.id) })) },
      },
      {
        onSuccess: () => notify(t('training.cohort.attendanceSaved')),
        onError: (err) => notify(err.message, 'red'),
      },
    );
  return (
    <Stack gap="xs">
      <Checkbox.Group
        value={[...present]}
        label={t('training.cohort.attendanceOf', { date: formatDate(session.heldOn) })}
        onChange={(ids) => setPresent(new Set(ids))}
      >
        <Stack gap={6} mt={6}>
          {participants.map((e) => (
            <Checkbox key={e.id} value={e.id} label={e.fullName} size="md" disabled={!canRun} />
          ))}
        </Stack>
      </Checkbox.Group>
      {canRun ? (
        <Group gap="xs" wrap="wrap">
          <Button
            variant="default"
            size="sm"
            onClick={() => setPresent(new Set(participants.map((e) => e.id)))}
          >
            {t('training.cohort.allPresent')}
          </Button>
          <Button size="sm" onClick={save} loading={action.isPending}>
            {t('training.cohort.saveAttendance')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
