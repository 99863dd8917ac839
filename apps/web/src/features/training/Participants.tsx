import type { TCohort, TEnrolment } from '@atensi/contracts';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCertificate, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { notify } from '../../components/notify.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { latestDateInIndonesia, todayLocal } from '../../lib/dates.ts';
import { formatDate } from '../../lib/format.ts';
import { certificateUrl, useCandidates, useCohortAction } from './api.ts';

const STATUS_COLORS: Record<TEnrolment['status'], string> = {
  enrolled: 'blue',
  completed: 'green',
  dropped: 'gray',
  failed: 'red',
};
const failed = (err: unknown) => notify(err instanceof Error ? err.message : String(err), 'red');

export function Participants({ cohort, canRun }: { cohort: TCohort; canRun: boolean }) {
  const { t } = useTranslation();
  const [assessing, setAssessing] = useState<TEnrolment | null>(null);
  const [completing, setCompleting] = useState<TEnrolment | null>(null);
  const action = useCohortAction(cohort.id);
  const sessions = cohort.sessions.length;

  const drop = (e: TEnrolment) => {
    if (!window.confirm(t('training.cohort.dropConfirm', { name: e.fullName }))) return;
    action.mutate({ path: `/enrolments/${e.id}/drop`, body: { version: e.version } }, { onError: failed });
  };

  return (
    <section aria-labelledby="participants-title">
      <Title order={2} size="h4" id="participants-title" mb="sm">
        {t('training.cohort.participants')} ({cohort.enrolled}/{cohort.capacity})
      </Title>
      <Stack gap="sm">
        {canRun && cohort.enrolled < cohort.capacity ? <EnrolPicker cohortId={cohort.id} /> : null}
        {cohort.enrolments.length === 0 ? <EmptyState text={t('training.cohort.noParticipants')} /> : null}
        {cohort.enrolments.map((e) => (
          <Card key={e.id} withBorder padding="sm" data-enrolment={e.fullName}>
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <div>
                <Text fw={600}>{e.fullName}</Text>
                <Text size="xs" c="dimmed">
                  {e.caseNo} · {t('training.cohort.attended', { count: e.sessionsAttended, total: sessions })}
                  {e.score !== null ? ` · ${t('training.cohort.score', { score: e.score })}` : ''}
                </Text>
                {e.certificateCode ? (
                  <Text size="xs">
                    {t('training.cohort.certificateCode')}: <strong>{e.certificateCode}</strong>
                    {e.completedOn ? ` · ${formatDate(e.completedOn)}` : ''}
                  </Text>
                ) : null}
              </div>
              <Badge color={STATUS_COLORS[e.status]} variant="light">
                {t(`training.cohort.status.${e.status}`)}
              </Badge>
            </Group>
            <Group gap="xs" mt="xs" wrap="wrap">
              {canRun && e.status === 'enrolled' ? (
                <>
                  <Button size="xs" variant="light" onClick={() => setAssessing(e)}>
                    {t('training.cohort.assess')}
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    disabled={e.passed === null}
                    onClick={() => setCompleting(e)}
                  >
                    {t('training.cohort.complete')}
                  </Button>
                  <Button size="xs" variant="subtle" color="red" onClick={() => drop(e)}>
                    {t('training.cohort.drop')}
                  </Button>
                </>
              ) : null}
              {canRun && e.status === 'completed' ? (
                <Button
                  size="xs"
                  component="a"
                  href={certificateUrl(cohort.id, e.id)}
                  download
                  leftSection={<IconCertificate size={14} aria-hidden />}
                >
                  {t('training.cohort.certificate')}
                </Button>
              ) : null}
            </Group>
          </Card>
        ))}
      </Stack>
      {assessing ? (
        <AssessModal cohortId={cohort.id} enrolment={assessing} onClose={() => setAssessing(null)} />
      ) : null}
      {completing ? (
        <CompleteModal cohort={cohort} enrolment={completing} onClose={() => setCompleting(null)} />
      ) : null}
    </section>
  );
}

function EnrolPicker({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const candidates = useCandidates(cohortId, q, true);
  const action = useCohortAction(cohortId);
  const [pendingId, setPendingId] = useState<string | null>(null);
  return (
    <Paper withBorder p="sm">
      <Text fw={600} size="sm" mb={4}>
        {t('training.cohort.enrolTitle')}
      </Text>
      <TextInput
        label={t('training.cohort.enrolSearch')}
        description={t('training.cohort.enrolHint')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      <Stack gap={4} mt="xs">
        {candidates.isPending ? (
          <LoadingState rows={2} />
        ) : candidates.isError ? (
          <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />
        ) : candidates.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('training.cohort.enrolNone')}
          </Text>
        ) : (
          candidates.data.items.map((p) => (
            <Group key={p.personId} justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" truncate>
                  {p.fullName}
                </Text>
                <Text size="xs" c="dimmed">
                  {p.caseNo}
                </Text>
              </div>
              {p.enrolled ? (
                <Text size="xs" c="dimmed">
                  {t('training.cohort.alreadyEnrolled')}
                </Text>
              ) : (
                <Button
                  size="xs"
                  leftSection={<IconUserPlus size={14} aria-hidden />}
                  loading={action.isPending && pendingId === p.personId}
                  aria-label={`${t('training.cohort.enrolButton')} ${p.fullName}`}
                  onClick={() => {
                    setPendingId(p.personId);
                    action.mutate(
                      { path: '/enrolments', body: { personId: p.personId } },
                      {
                        onSuccess: () => notify(t('training.cohort.enrolled', { name: p.fullName })),
                        onError: failed,
                      },
                    );
                  }}
                >
                  {t('training.cohort.enrolButton')}
                </Button>
              )}
            </Group>
          ))
        )}
      </Stack>
    </Paper>
  );
}

function AssessModal({
  cohortId,
  enrolment: e,
  onClose,
}: {
  cohortId: string;
  enrolment: TEnrolment;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const action = useCohortAction(cohortId);
  const [score, setScore] = useState<number | string>(e.score ?? '');
  const [passed, setPassed] = useState(e.passed ?? true);
  const [assessedOn, setAssessedOn] = useState(e.assessedOn ?? todayLocal());
  const [scoreError, setScoreError] = useState<string | null>(null);
  const err = action.error instanceof ApiError ? action.error : null;
  const submit = () => {
    const n = Number(score);
    if (score === '' || !Number.isInteger(n) || n < 0 || n > 100) {
      setScoreError(t('training.assessForm.scoreRange'));
      return;
    }
    setScoreError(null);
    action.mutate(
      { path: `/enrolments/${e.id}/assessment`, body: { score: n, passed, assessedOn, version: e.version } },
      {
        onSuccess: () => {
          notify(t('training.assessForm.saved'));
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('training.assessForm.title', { name: e.fullName })}>
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <NumberInput
            label={t('training.assessForm.score')}
            value={score}
            onChange={setScore}
            min={0}
            max={100}
            allowDecimal={false}
            required
            error={scoreError ?? err?.fieldError('score')}
            data-autofocus
          />
          <Checkbox
            label={t('training.assessForm.passed')}
            checked={passed}
            onChange={(ev) => setPassed(ev.currentTarget.checked)}
          />
          <TextInput
            type="date"
            label={t('training.assessForm.assessedOn')}
            value={assessedOn}
            max={latestDateInIndonesia()}
            onChange={(ev) => setAssessedOn(ev.currentTarget.value)}
            required
            error={err?.fieldError('assessedOn')}
          />
          {action.error && !err?.details.length ? <ErrorState error={action.error} /> : null}
          <Group justify="flex-end">
            <Button type="submit" loading={action.isPending}>
              {t('training.assessForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CompleteModal({
  cohort,
  enrolment: e,
  onClose,
}: {
  cohort: TCohort;
  enrolment: TEnrolment;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const action = useCohortAction(cohort.id);
  const today = todayLocal();
  const [completedOn, setCompletedOn] = useState([cohort.endsOn, today].sort()[0] ?? today);
  const err = action.error instanceof ApiError ? action.error : null;
  return (
    <Modal opened onClose={onClose} title={t('training.completeForm.title', { name: e.fullName })}>
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          action.mutate(
            { path: `/enrolments/${e.id}/complete`, body: { completedOn, version: e.version } },
            {
              onSuccess: () => {
                notify(t('training.completeForm.saved'));
                onClose();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {e.passed ? t('training.completeForm.passedText') : t('training.completeForm.failedText')}
          </Text>
          <TextInput
            type="date"
            label={t('training.completeForm.completedOn')}
            value={completedOn}
            min={cohort.startsOn}
            max={latestDateInIndonesia()}
            onChange={(ev) => setCompletedOn(ev.currentTarget.value)}
            required
            error={err?.fieldError('completedOn')}
          />
          {action.error && !err?.details.length ? <ErrorState error={action.error} /> : null}
          <Group justify="flex-end">
            <Button type="submit" loading={action.isPending} data-autofocus>
              {t('training.completeForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
