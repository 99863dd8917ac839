import {
  CONSENT_PURPOSES,
  type TConsent,
  type TConsentListResponse,
  type TConsentPurpose,
  type TCreateConsentRequest,
  type TPerson,
} from '@atensi/contracts';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconInfoCircle, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { notify } from '../../components/notify.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { latestDateInIndonesia, todayLocal } from '../../lib/dates.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { PEOPLE_WRITER_ROLES } from './api.ts';
import { useConsents, useCreateConsent, useDocuments, useWithdrawConsent } from './documents-api.ts';

const OTHER = '__other__';

/** Consent (UU 27/2022): what is consented now, record a consent, withdraw one, and the history. */
export function ConsentPanel({ person }: { person: TPerson }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const consents = useConsents(person.id);
  const mayEdit = Boolean(me && PEOPLE_WRITER_ROLES.includes(me.role)) && !person.mergedIntoId;
  const [isRecording, setIsRecording] = useState(false);
  const [toWithdraw, setToWithdraw] = useState<TConsent | null>(null);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="consent-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="consent-title">
          {t('peopleDocs.consent.title')}
        </Title>
        {mayEdit && consents.data && !isRecording ? (
          <Button size="xs" onClick={() => setIsRecording(true)}>
            {t('peopleDocs.consent.record')}
          </Button>
        ) : null}
      </Group>
      {consents.isPending ? (
        <LoadingState rows={3} />
      ) : consents.isError ? (
        <ErrorState error={consents.error} onRetry={() => void consents.refetch()} />
      ) : (
        <Stack gap="md">
          <CurrentPurposes data={consents.data} />
          {consents.data.guardianRequired ? (
            <Alert color="blue" icon={<IconInfoCircle aria-hidden />}>
              {t('peopleDocs.consent.guardianRequired')}
            </Alert>
          ) : null}
          {isRecording ? (
            <ConsentForm person={person} data={consents.data} onDone={() => setIsRecording(false)} />
          ) : null}
          <History items={consents.data.items} onWithdraw={mayEdit ? setToWithdraw : null} />
        </Stack>
      )}
      <WithdrawDialog personId={person.id} consent={toWithdraw} onClose={() => setToWithdraw(null)} />
    </Card>
  );
}

function CurrentPurposes({ data }: { data: TConsentListResponse }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="xs" c="dimmed" mb={4}>
        {t('peopleDocs.consent.current')}
      </Text>
      <Group gap={6} data-testid="consent-purposes">
        {CONSENT_PURPOSES.map((p) => {
          const has = data.currentPurposes.includes(p);
          return (
            <Badge
              key={p}
              color={has ? 'teal' : 'gray'}
              variant={has ? 'filled' : 'outline'}
              leftSection={has ? <IconCheck size={12} aria-hidden /> : <IconX size={12} aria-hidden />}
              style={{ textTransform: 'none' }}
              aria-label={`${t(`peopleDocs.purposes.${p}`)}: ${t(has ? 'peopleDocs.consent.given' : 'peopleDocs.consent.notGiven')}`}
              data-consented={has}
            >
              {t(`peopleDocs.purposes.${p}`)}
            </Badge>
          );
        })}
      </Group>
    </div>
  );
}

type FormState = {
  givenBy: 'self' | 'guardian';
  guardian: string;
  guardianName: string;
  purposes: TConsentPurpose[];
  method: 'signed_form' | 'verbal_witnessed';
  witnessName: string;
  documentId: string;
  givenAt: string;
};

function ConsentForm({
  person,
  data,
  onDone,
}: {
  person: TPerson;
  data: TConsentListResponse;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateConsent(person.id);
  const docs = useDocuments(person.id);
  const forms = (docs.data?.items ?? []).filter((d) => d.kind === 'consent_form');
  const [f, setF] = useState<FormState>({
    givenBy: data.guardianRequired ? 'guardian' : 'self',
    guardian:
      data.guardianOptions.find((o) => o.isGuardian)?.relationId ??
      data.guardianOptions[0]?.relationId ??
      OTHER,
    guardianName: '',
    purposes: ['services'],
    method: 'verbal_witnessed',
    witnessName: '',
    documentId: '',
    givenAt: todayLocal(),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((s) => ({ ...s, [k]: v }));

  function check(): Record<string, string> {
    const e: Record<string, string> = {};
    if (f.givenBy === 'self' && data.guardianRequired) e.givenBy = t('peopleDocs.consent.err.guardian');
    if (f.givenBy === 'guardian' && f.guardian === OTHER && !f.guardianName.trim())
      e.guardianName = t('peopleDocs.consent.err.guardianName');
    if (f.purposes.length === 0) e.purposes = t('peopleDocs.consent.err.purposes');
    if (f.method === 'verbal_witnessed' && !f.witnessName.trim())
      e.witnessName = t('peopleDocs.consent.err.witness');
    if (f.method === 'signed_form' && !f.documentId) e.documentId = t('peopleDocs.consent.err.document');
    if (!f.givenAt) e.givenAt = t('peopleDocs.consent.err.date');
    else if (f.givenAt > latestDateInIndonesia()) e.givenAt = t('peopleDocs.consent.err.future');
    return e;
  }

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const e = check();
    setErrors(e);
    if (Object.keys(e).length) return;
    const isGuardian = f.givenBy === 'guardian';
    const body: TCreateConsentRequest = {
      givenBy: f.givenBy,
      guardianRelationId: isGuardian && f.guardian !== OTHER ? f.guardian : null,
      guardianName: isGuardian && f.guardian === OTHER ? f.guardianName.trim() : null,
      purposes: f.purposes,
      method: f.method,
      witnessName: f.method === 'verbal_witnessed' ? f.witnessName.trim() : null,
      documentId: f.method === 'signed_form' ? f.documentId : null,
      givenAt: f.givenAt,
    };
    create.mutate(body, {
      onSuccess: () => {
        notify(t('peopleDocs.consent.recorded'));
        onDone();
      },
      onError: (err) => {
        if (!(err instanceof ApiError)) return;
        const fromServer: Record<string, string> = {};
        for (const d of err.details) {
          const field = d.field === 'guardianRelationId' ? 'guardianName' : (d.field.split('.')[0] ?? '');
          fromServer[field] ??= d.message.replace(/^[\w.]+: /, '');
        }
        setErrors(fromServer);
      },
    });
  }

  const formError =
    create.error && !(create.error instanceof ApiError && create.error.details.length)
      ? create.error.message
      : null;

  return (
    <form onSubmit={submit} noValidate aria-label={t('peopleDocs.consent.formTitle')}>
      <Card withBorder padding="md" bg="var(--mantine-color-gray-0)">
        <Stack gap="sm">
          <Radio.Group
            label={t('peopleDocs.consent.givenBy')}
            value={f.givenBy}
            onChange={(v) => set('givenBy', v as FormState['givenBy'])}
            error={errors.givenBy}
          >
            <Group gap="md" mt={4}>
              <Radio value="self" label={t('peopleDocs.consent.bySelf')} disabled={data.guardianRequired} />
              <Radio value="guardian" label={t('peopleDocs.consent.byGuardian')} />
            </Group>
          </Radio.Group>
          {f.givenBy === 'guardian' ? (
            <Group grow align="flex-start" wrap="wrap" preventGrowOverflow={false}>
              <NativeSelect
                label={t('peopleDocs.consent.guardian')}
                value={f.guardian}
                onChange={(e) => set('guardian', e.currentTarget.value)}
                data={[
                  ...data.guardianOptions.map((o) => ({
                    value: o.relationId,
                    label: `${o.name} (${o.relationship})${o.isGuardian ? ` · ${t('peopleDocs.consent.wali')}` : ''}`,
                  })),
                  { value: OTHER, label: t('peopleDocs.consent.otherGuardian') },
                ]}
                style={{ minWidth: 200 }}
              />
              {f.guardian === OTHER ? (
                <TextInput
                  label={t('peopleDocs.consent.guardianName')}
                  value={f.guardianName}
                  onChange={(e) => set('guardianName', e.currentTarget.value)}
                  error={errors.guardianName}
                  maxLength={200}
                  required
                  style={{ minWidth: 200 }}
                />
              ) : null}
            </Group>
          ) : null}
          <Checkbox.Group
            label={t('peopleDocs.consent.purposes')}
            value={f.purposes}
            onChange={(v) => set('purposes', v as TConsentPurpose[])}
            error={errors.purposes}
            required
          >
            <Stack gap={6} mt={4}>
              {CONSENT_PURPOSES.map((p) => (
                <Checkbox
                  key={p}
                  value={p}
                  label={t(`peopleDocs.purposes.${p}`)}
                  description={t(`peopleDocs.purposeHelp.${p}`)}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Radio.Group
            label={t('peopleDocs.consent.method')}
            value={f.method}
            onChange={(v) => set('method', v as FormState['method'])}
          >
            <Group gap="md" mt={4}>
              <Radio value="verbal_witnessed" label={t('peopleDocs.methods.verbal_witnessed')} />
              <Radio value="signed_form" label={t('peopleDocs.methods.signed_form')} />
            </Group>
          </Radio.Group>
          {f.method === 'verbal_witnessed' ? (
            <TextInput
              label={t('peopleDocs.consent.witness')}
              value={f.witnessName}
              onChange={(e) => set('witnessName', e.currentTarget.value)}
              error={errors.witnessName}
              maxLength={200}
              required
            />
          ) : forms.length === 0 ? (
            <Alert color="yellow" role="status">
              {errors.documentId ? `${errors.documentId} ` : ''}
              {t('peopleDocs.consent.noForm')}
            </Alert>
          ) : (
            <NativeSelect
              label={t('peopleDocs.consent.document')}
              value={f.documentId}
              onChange={(e) => set('documentId', e.currentTarget.value)}
              error={errors.documentId}
              data={[
                { value: '', label: t('peopleDocs.consent.chooseForm') },
                ...forms.map((d) => ({
                  value: d.id,
                  label: `${d.fileName} · ${formatDateTime(d.createdAt)}`,
                })),
              ]}
              required
            />
          )}
          <TextInput
            type="date"
            label={t('peopleDocs.consent.givenAt')}
            value={f.givenAt}
            max={latestDateInIndonesia()}
            onChange={(e) => set('givenAt', e.currentTarget.value)}
            error={errors.givenAt}
            required
            style={{ maxWidth: 220 }}
          />
          {formError ? (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('peopleDocs.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('peopleDocs.consent.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}

function History({ items, onWithdraw }: { items: TConsent[]; onWithdraw: ((c: TConsent) => void) | null }) {
  const { t } = useTranslation();
  if (items.length === 0) return <EmptyState text={t('peopleDocs.consent.empty')} />;
  return (
    <div>
      <Title order={3} size="h5" mb={6}>
        {t('peopleDocs.consent.history')}
      </Title>
      <Stack
        gap="xs"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        data-testid="consent-history"
      >
        {items.map((c) => (
          <Card key={c.id} withBorder padding="sm" component="li" data-testid="consent-item">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Group gap={6} wrap="wrap">
                  <Text size="sm" fw={600}>
                    {formatDate(c.givenAt)}
                  </Text>
                  <Badge color={c.isActive ? 'teal' : 'gray'} variant="light">
                    {t(c.isActive ? 'peopleDocs.consent.active' : 'peopleDocs.consent.withdrawn')}
                  </Badge>
                </Group>
                <Text size="sm">
                  {c.givenBy === 'self'
                    ? t('peopleDocs.consent.bySelf')
                    : `${t('peopleDocs.consent.byGuardian')}: ${c.guardianName ?? '—'}`}
                  {' · '}
                  {t(`peopleDocs.methods.${c.method}`)}
                  {c.witnessName ? ` (${t('peopleDocs.consent.witnessShort')}: ${c.witnessName})` : ''}
                </Text>
                <Group gap={4}>
                  {c.purposes.map((p) => (
                    <Badge key={p} size="sm" variant="outline" style={{ textTransform: 'none' }}>
                      {t(`peopleDocs.purposes.${p}`)}
                    </Badge>
                  ))}
                </Group>
                {c.withdrawnAt ? (
                  <Text size="xs" c="dimmed">
                    {t('peopleDocs.consent.withdrawnOn', { date: formatDateTime(c.withdrawnAt) })}:{' '}
                    {c.withdrawnReason}
                  </Text>
                ) : null}
                {c.recordedBy ? (
                  <Text size="xs" c="dimmed">
                    {t('peopleDocs.consent.recordedBy', { name: c.recordedBy })}
                  </Text>
                ) : null}
              </Stack>
              {c.isActive && onWithdraw ? (
                <Button size="compact-sm" variant="light" color="red" onClick={() => onWithdraw(c)}>
                  {t('peopleDocs.consent.withdraw')}
                </Button>
              ) : null}
            </Group>
          </Card>
        ))}
      </Stack>
    </div>
  );
}

function WithdrawDialog({
  personId,
  consent,
  onClose,
}: {
  personId: string;
  consent: TConsent | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const withdraw = useWithdrawConsent(personId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setReason('');
    setError(null);
    withdraw.reset();
    onClose();
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!consent) return;
    if (reason.trim().length < 3) {
      setError(t('peopleDocs.consent.err.reason'));
      return;
    }
    setError(null);
    withdraw.mutate(
      { consentId: consent.id, reason: reason.trim(), version: consent.version },
      {
        onSuccess: () => {
          notify(t('peopleDocs.consent.withdrawnDone'));
          close();
        },
      },
    );
  }
  return (
    <Modal
      opened={consent !== null}
      onClose={close}
      title={t('peopleDocs.consent.withdrawTitle')}
      closeButtonProps={{ 'aria-label': t('peopleDocs.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {t('peopleDocs.consent.withdrawText', {
              purposes: consent?.purposes.map((p) => t(`peopleDocs.purposes.${p}`)).join(', ') ?? '',
            })}
          </Text>
          <Textarea
            label={t('peopleDocs.consent.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
            maxLength={500}
            autosize
            minRows={2}
            required
            data-autofocus
          />
          {withdraw.isError ? (
            <Alert color="red" role="alert">
              {withdraw.error.message}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('peopleDocs.cancel')}
            </Button>
            <Button type="submit" color="red" loading={withdraw.isPending}>
              {t('peopleDocs.consent.withdraw')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
