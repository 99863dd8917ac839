import { APPROACHES, INTAKE_SOURCES } from '@atensi/contracts';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { notify } from '../../components/notify.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { latestDateInIndonesia, todayLocal } from '../../lib/dates.ts';
import { useCaseWorkers, useCreateCase, usePersonCases, usePersonName, useReference } from './api.ts';
import { ActionError, fieldError } from './parts.tsx';

type Approach = (typeof APPROACHES)[number];
type Source = (typeof INTAKE_SOURCES)[number];
type Errors = Partial<Record<'clusterCode' | 'approaches' | 'intakeSource' | 'intakeDate', string>>;

/** Intake: opens a case for one person at the user's unit (/kasus/baru?person=…). */
export default function NewCaseForm() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const personId = params.get('person') ?? '';
  const person = usePersonName(personId);
  const reference = useReference();
  if (!personId) return <EmptyState text={t('cases.newCase.noPerson')} />;
  if (person.isPending || reference.isPending) return <LoadingState />;
  if (person.isError) return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;
  if (reference.isError)
    return <ErrorState error={reference.error} onRetry={() => void reference.refetch()} />;
  const clusters = reference.data.clusters.filter((c) => c.isActive);
  const preferred = person.data.clusters[0]?.code ?? '';
  return (
    <Form
      personId={personId}
      personName={person.data.fullName}
      clusters={clusters.map((c) => ({ value: c.code, label: c.nameId }))}
      initialCluster={clusters.some((c) => c.code === preferred) ? preferred : ''}
    />
  );
}

function Form(props: {
  personId: string;
  personName: string;
  clusters: { value: string; label: string }[];
  initialCluster: string;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const create = useCreateCase();
  const [clusterCode, setCluster] = useState(props.initialCluster);
  const [approaches, setApproaches] = useState<Approach[]>([]);
  const [intakeSource, setSource] = useState<Source | ''>('');
  const [intakeDate, setDate] = useState(todayLocal());
  const [intakeNotes, setNotes] = useState('');
  const workers = useCaseWorkers().data?.items ?? [];
  const [pickedWorker, setWorker] = useState<string | null>(null);
  const workerId = pickedWorker ?? me?.id ?? null;
  const [errors, setErrors] = useState<Errors>({});
  const isAlreadyOpen = create.error instanceof ApiError && create.error.code === 'CASE_ALREADY_OPEN';
  const open = usePersonCases(props.personId, isAlreadyOpen);
  const openCase = open.data?.items.find((c) => c.stage !== 'closed');

  function validate(): Errors {
    const e: Errors = {};
    if (!clusterCode) e.clusterCode = t('cases.form.required');
    if (!approaches.length) e.approaches = t('cases.newCase.approachesError');
    if (!intakeSource) e.intakeSource = t('cases.form.required');
    if (!intakeDate) e.intakeDate = t('cases.form.required');
    else if (intakeDate > latestDateInIndonesia()) e.intakeDate = t('cases.form.future');
    return e;
  }

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length || !intakeSource) return;
    create.mutate(
      {
        personId: props.personId,
        clusterCode,
        approaches,
        intakeSource,
        intakeDate,
        intakeNotes: intakeNotes.trim() || null,
        ...(workerId ? { workerId } : {}),
      },
      {
        onSuccess: (c) => {
          notify(t('cases.newCase.created', { caseNo: c.caseNo }));
          void navigate(`/kasus/${c.id}`);
        },
      },
    );
  }

  const err = (f: keyof Errors) => errors[f] ?? fieldError(create.error, f);
  return (
    <Stack gap="md" maw={720}>
      <Anchor component={Link} to={`/pm/${props.personId}`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('cases.backToPerson')}
        </Group>
      </Anchor>
      <div>
        <Title order={1} size="h2">
          {t('cases.newCase.title')}
        </Title>
        <Text c="dimmed">{t('cases.newCase.for', { name: props.personName })}</Text>
      </div>
      <Card withBorder padding="lg" component="form" onSubmit={submit} noValidate>
        <Stack gap="sm">
          {Object.keys(errors).length ? (
            <Text c="red.9" size="sm" role="alert">
              {t('cases.form.fixFields')}
            </Text>
          ) : null}
          <NativeSelect
            label={t('cases.newCase.cluster')}
            required
            value={clusterCode}
            onChange={(e) => setCluster(e.currentTarget.value)}
            data={[{ value: '', label: '—' }, ...props.clusters]}
            error={err('clusterCode')}
          />
          <Checkbox.Group
            label={t('cases.newCase.approaches')}
            required
            value={approaches}
            onChange={(v) => setApproaches(v as Approach[])}
            error={err('approaches')}
          >
            <Group gap="md" mt={4}>
              {APPROACHES.map((a) => (
                <Checkbox key={a} value={a} label={t(`cases.approach.${a}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <NativeSelect
            label={t('cases.newCase.source')}
            required
            value={intakeSource}
            onChange={(e) => setSource(e.currentTarget.value as Source | '')}
            data={[
              { value: '', label: '—' },
              ...INTAKE_SOURCES.map((s) => ({ value: s, label: t(`cases.sources.${s}`) })),
            ]}
            error={err('intakeSource')}
          />
          <TextInput
            type="date"
            label={t('cases.newCase.date')}
            required
            max={latestDateInIndonesia()}
            value={intakeDate}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={err('intakeDate')}
          />
          <Textarea
            label={`${t('cases.newCase.notes')} ${t('cases.form.optional')}`}
            autosize
            minRows={3}
            maxLength={4000}
            value={intakeNotes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('cases.newCase.worker')}
            description={t('cases.newCase.workerHint')}
            value={workerId ?? ''}
            onChange={(e) => setWorker(e.currentTarget.value)}
            error={fieldError(create.error, 'workerId')}
            data={
              workers.length
                ? workers.map((w) => ({
                    value: w.id,
                    label:
                      w.id === me?.id
                        ? t('cases.newCase.workerSelf', { name: w.displayName })
                        : w.displayName,
                  }))
                : me
                  ? [{ value: me.id, label: t('cases.newCase.workerSelf', { name: me.displayName }) }]
                  : []
            }
          />
          {isAlreadyOpen ? (
            <Alert color="orange" icon={<IconInfoCircle aria-hidden />} role="alert">
              <Stack gap={4}>
                <Text size="sm">{t('cases.newCase.alreadyOpen')}</Text>
                {openCase ? (
                  <Anchor component={Link} to={`/kasus/${openCase.id}`} size="sm" fw={600}>
                    {t('cases.newCase.openExisting', { caseNo: openCase.caseNo })}
                  </Anchor>
                ) : null}
              </Stack>
            </Alert>
          ) : create.error && !fieldError(create.error, 'intakeDate') ? (
            <ActionError error={create.error} caseId="" />
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('cases.newCase.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
