import { type TCase, TERMINATION_REASONS } from '@atensi/contracts';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { notify } from '../../components/notify.ts';
import { latestDateInIndonesia, todayLocal } from '../../lib/dates.ts';
import { formatDate } from '../../lib/format.ts';
import { useCaseAction, useReference } from './api.ts';
import { Handover } from './Handover.tsx';
import { ActionError, fieldError } from './parts.tsx';

type Reason = (typeof TERMINATION_REASONS)[number];

/** Termination with its reason and the after-care visits to schedule; only in the termination stage. */
export function TerminationTab({ c, canWork }: { c: TCase; canWork: boolean }) {
  const { t } = useTranslation();
  const save = useCaseAction(c.id);
  const [reason, setReason] = useState<Reason | ''>('');
  const [date, setDate] = useState(todayLocal());
  const [visits, setVisits] = useState<string[]>(['']);
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (c.terminationReason && c.terminatedAt) {
    return (
      <Alert color="teal" icon={<IconInfoCircle aria-hidden />}>
        {t('cases.termination.recorded', {
          reason: t(`cases.terminationReasons.${c.terminationReason}`),
          date: formatDate(c.terminatedAt),
        })}
      </Alert>
    );
  }
  if (c.stage !== 'termination' || !canWork) {
    return (
      <Text c="dimmed" size="sm">
        {t('cases.termination.onlyInStage')}
      </Text>
    );
  }

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!reason) e.reason = t('cases.form.required');
    if (!date) e.terminatedOn = t('cases.form.required');
    else if (date > latestDateInIndonesia()) e.terminatedOn = t('cases.form.future');
    const dates = visits.map((v) => v.trim());
    dates.forEach((v, i) => {
      if (v && date && v < date) e[`aftercareVisits.${i}`] = t('cases.termination.visitBefore');
    });
    setErrors(e);
    if (Object.keys(e).length || !reason) return;
    save.mutate(
      {
        path: '/terminate',
        body: { reason, terminatedOn: date, aftercareVisits: dates.filter(Boolean), version: c.version },
      },
      { onSuccess: () => notify(t('cases.termination.saved')) },
    );
  }

  const err = (f: string) => errors[f] ?? fieldError(save.error, f);
  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('cases.termination.reason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as Reason | '')}
            data={[
              { value: '', label: '—' },
              ...TERMINATION_REASONS.map((r) => ({ value: r, label: t(`cases.terminationReasons.${r}`) })),
            ]}
            error={err('reason')}
          />
          <TextInput
            type="date"
            label={t('cases.termination.date')}
            required
            max={latestDateInIndonesia()}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={err('terminatedOn')}
          />
        </SimpleGrid>
        <Text fw={600} size="sm">
          {t('cases.termination.visits')}
        </Text>
        {visits.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: dates are edited in place
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              type="date"
              style={{ flex: 1 }}
              label={t('cases.termination.visit', { n: i + 1 })}
              min={date || undefined}
              value={v}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setVisits((xs) => xs.map((x, j) => (j === i ? value : x)));
              }}
              error={err(`aftercareVisits.${i}`)}
            />
            <ActionIcon
              mt={26}
              variant="subtle"
              color="red"
              aria-label={t('cases.termination.removeVisit', { n: i + 1 })}
              onClick={() => setVisits((xs) => xs.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setVisits((xs) => [...xs, ''])}
          >
            {t('cases.termination.addVisit')}
          </Button>
        </Group>
        <ActionError error={save.error} caseId={c.id} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('cases.termination.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Close early or reopen, with a reason; residential admission by the unit head. */
export function LifecycleTab({ c, canWork, isHead }: { c: TCase; canWork: boolean; isHead: boolean }) {
  const { t } = useTranslation();
  if (!canWork) return null;
  const isClosed = c.stage === 'closed';
  return (
    <Stack gap="md">
      <ReasonForm
        c={c}
        path={isClosed ? '/reopen' : '/close'}
        title={isClosed ? t('cases.lifecycle.reopen') : t('cases.lifecycle.close')}
        explain={isClosed ? t('cases.lifecycle.reopenExplain') : t('cases.lifecycle.closeExplain')}
        done={isClosed ? t('cases.lifecycle.reopened') : t('cases.lifecycle.closed')}
        color={isClosed ? 'blue' : 'red'}
      />
      {c.approaches.includes('residential') && !isClosed ? <Admission c={c} isHead={isHead} /> : null}
      {isHead && !isClosed ? <Handover c={c} /> : null}
    </Stack>
  );
}

function ReasonForm(props: {
  c: TCase;
  path: '/close' | '/reopen';
  title: string;
  explain: string;
  done: string;
  color: string;
}) {
  const { t } = useTranslation();
  const save = useCaseAction(props.c.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  function submit(ev: FormEvent) {
    ev.preventDefault();
    if (reason.trim().length < 3) {
      setError(t('cases.form.min3'));
      return;
    }
    setError(null);
    save.mutate(
      { path: props.path, body: { reason: reason.trim(), version: props.c.version } },
      {
        onSuccess: () => {
          notify(props.done);
          setReason('');
        },
      },
    );
  }
  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {props.title}
        </Title>
        <Text size="sm" c="dimmed">
          {props.explain}
        </Text>
        <Textarea
          label={t('cases.lifecycle.reason')}
          required
          autosize
          minRows={2}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error ?? fieldError(save.error, 'reason')}
        />
        <ActionError error={save.error} caseId={props.c.id} />
        <Group justify="flex-end">
          <Button type="submit" color={props.color} loading={save.isPending}>
            {props.title}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Admission({ c, isHead }: { c: TCase; isHead: boolean }) {
  const { t } = useTranslation();
  const reference = useReference();
  const admit = useCaseAction(c.id);
  const cluster = reference.data?.clusters.find((x) => x.code === c.clusterCode)?.nameId ?? c.clusterCode;
  const isNoBed = admit.error instanceof ApiError && admit.error.code === 'NO_FREE_BED';
  const isIn = Boolean(c.admittedAt && !c.dischargedAt);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="admit-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="admit-title">
          {t('cases.lifecycle.admit')}
        </Title>
        {isIn && c.admittedAt ? (
          <Text size="sm">{t('cases.lifecycle.alreadyAdmitted', { date: formatDate(c.admittedAt) })}</Text>
        ) : !isHead ? (
          <Text size="sm" c="dimmed">
            {t('cases.lifecycle.admitHeadOnly')}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('cases.lifecycle.admitExplain', { cluster })}
            </Text>
            {isNoBed ? (
              <Alert color="orange" role="alert" icon={<IconInfoCircle aria-hidden />}>
                <Stack gap={4}>
                  <Text size="sm">{t('cases.lifecycle.noBed')}</Text>
                  <Anchor
                    component={Link}
                    to={`/unit/terdekat?cluster=${encodeURIComponent(c.clusterCode)}&mode=residential`}
                    size="sm"
                    fw={600}
                  >
                    {t('cases.lifecycle.findUnit')}
                  </Anchor>
                </Stack>
              </Alert>
            ) : (
              <ActionError error={admit.error} caseId={c.id} />
            )}
            <Group>
              <Button
                loading={admit.isPending}
                onClick={() =>
                  admit.mutate(
                    { path: '/admit', body: { version: c.version } },
                    { onSuccess: () => notify(t('cases.lifecycle.admitted')) },
                  )
                }
              >
                {t('cases.lifecycle.admit')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
