import {
  CHILDREN_IN_SCHOOL,
  HOUSING_KINDS,
  SURVEY_KINDS,
  type TScheduleEntry,
  type TSurvey,
  WORK_STATUSES,
} from '@atensi/contracts';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { notify } from '../../components/notify.ts';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { latestDateInIndonesia, todayLocal } from '../../lib/dates.ts';
import { formatRupiah } from '../../lib/format.ts';
import { useCase } from '../cases/api.ts';
import { RUPIAH_INPUT } from '../cases/parts.tsx';
import { useCaseSchedule, useCaseSurveys, useSaveSurvey } from './api.ts';
import { day, SaveError } from './parts.tsx';
import { DeleteSurvey, NotFound } from './SurveyActions.tsx';
import {
  checkForm,
  type Form,
  INCOME_KEYS,
  initialForm,
  MAX_RUPIAH,
  serverFieldError,
  toRequest,
} from './survey-form-model.ts';

/**
 * Record or correct a follow-up survey (/kasus/:id/survei/baru, /kasus/:id/survei/:surveyId/ubah): one
 * column on a phone, the income total in Rupiah as the worker types.
 */
export default function SurveyFormPage() {
  const { id = '', surveyId } = useParams();
  const c = useCase(id);
  const surveys = useCaseSurveys(id, c.data?.person.id);
  const schedule = useCaseSchedule(id);
  // The form's first state depends on the schedule and the latest survey: wait for both.
  if (c.isPending || surveys.isPending || schedule.isPending) return <LoadingState />;
  if (c.isError) return <ErrorState error={c.error} onRetry={() => void c.refetch()} />;
  if (surveys.isError) return <ErrorState error={surveys.error} onRetry={() => void surveys.refetch()} />;
  const existing = surveyId ? surveys.data.items.find((s) => s.id === surveyId) : undefined;
  if (surveyId && !existing) return <NotFound caseId={id} />;
  return (
    <SurveyFormView
      // A newer version of the survey (after a reload) starts the form afresh.
      key={existing ? `${existing.id}:${existing.version}` : 'new'}
      caseId={id}
      caseNo={c.data.caseNo}
      personId={c.data.person.id}
      personName={c.data.person.fullName}
      existing={existing}
      latest={surveys.data.items[0]}
      openSchedule={schedule.data?.items.filter((x) => !x.surveyId) ?? []}
      onReload={() => void surveys.refetch()}
    />
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="fieldset" aria-labelledby={id} m={0}>
      <Title order={2} size="h5" id={id} mb="sm" component="legend" style={{ float: 'left', width: '100%' }}>
        {title}
      </Title>
      <Stack gap="sm" style={{ clear: 'both' }}>
        {children}
      </Stack>
    </Card>
  );
}

function SurveyFormView({
  caseId,
  caseNo,
  personId,
  personName,
  existing,
  latest,
  openSchedule,
  onReload,
}: {
  caseId: string;
  caseNo: string;
  personId: string;
  personName: string;
  existing: TSurvey | undefined;
  /** The case's latest survey: a new one starts from its answers (income starts at zero). */
  latest: TSurvey | undefined;
  openSchedule: TScheduleEntry[];
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const save = useSaveSurvey(caseId, personId);
  const preset = openSchedule.find((x) => x.id === params.get('jadwal')) ?? null;
  const [f, setF] = useState<Form>(() => initialForm(existing, latest, preset?.kind, todayLocal()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const total = INCOME_KEYS.reduce((sum, k) => sum + (Number(f.income[k]) || 0), 0);
  const fieldError = (field: string) => errors[field] ?? serverFieldError(save.error, field);
  const back = params.get('dari') === 'tindak-lanjut' ? '/tindak-lanjut' : `/kasus/${caseId}`;

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const e = checkForm(f, latestDateInIndonesia(), t);
    setErrors(e);
    if (Object.keys(e).length) return;
    const fields = toRequest(f);
    save.mutate(
      existing
        ? { surveyId: existing.id, body: { ...fields, version: existing.version } }
        : { body: { ...fields, caseId } },
      {
        onSuccess: (saved) => {
          notify(t('followup.form.saved'));
          for (const level of saved.reached) notify(t('followup.form.reached', { level }), 'green');
          for (const level of saved.revoked) notify(t('followup.form.revoked', { level }), 'blue');
          void navigate(back);
        },
      },
    );
  }

  const moneyInput = (
    field: string,
    label: string,
    value: number | string,
    onChange: (v: number | string) => void,
    description?: string,
  ) => (
    <NumberInput
      {...RUPIAH_INPUT}
      label={label}
      description={description}
      value={value}
      onChange={onChange}
      error={fieldError(field)}
      inputMode="numeric"
      max={MAX_RUPIAH}
    />
  );

  return (
    <Stack gap="md" maw={760}>
      <Anchor component={Link} to={back} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('followup.form.back')}
        </Group>
      </Anchor>
      <div>
        <Title order={1} size="h2">
          {existing ? t('followup.form.editTitle') : t('followup.form.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('followup.form.for', { name: personName, caseNo })}
        </Text>
      </div>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Section id="sv-when" title={t('followup.form.secWhen')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                type="date"
                label={t('followup.form.date')}
                value={f.surveyedOn}
                max={latestDateInIndonesia()}
                onChange={(e) => set('surveyedOn', e.currentTarget.value)}
                error={fieldError('surveyedOn')}
                required
              />
              <NativeSelect
                label={t('followup.form.kind')}
                value={f.kind}
                onChange={(e) => set('kind', e.currentTarget.value as Form['kind'])}
                data={SURVEY_KINDS.map((k) => ({ value: k, label: t(`followup.kinds.${k}`) }))}
                error={fieldError('kind')}
              />
            </SimpleGrid>
            {preset && !existing ? (
              <Text size="sm" data-testid="survey-schedule">
                {t('followup.form.fulfils', {
                  kind: t(`followup.kinds.${preset.kind}`),
                  date: day(preset.dueOn),
                })}
              </Text>
            ) : null}
          </Section>

          <Section id="sv-income" title={t('followup.form.secIncome')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {INCOME_KEYS.map((k) =>
                moneyInput(
                  k,
                  t(`followup.form.${k}`),
                  f.income[k],
                  (v) => setF((prev) => ({ ...prev, income: { ...prev.income, [k]: v } })),
                  k === 'incomeOutlet' ? t('followup.form.incomeOutletHint') : undefined,
                ),
              )}
            </SimpleGrid>
            <Group
              justify="space-between"
              p="sm"
              style={{ borderRadius: 8, background: 'var(--mantine-color-blue-0)' }}
              data-testid="income-total"
            >
              <Text fw={600} id="sv-total-label">
                {t('followup.form.total')}
              </Text>
              <Text fw={700} size="lg" aria-labelledby="sv-total-label" aria-live="polite">
                {formatRupiah(total)}
              </Text>
            </Group>
          </Section>

          <Section id="sv-work" title={t('followup.form.secWork')}>
            <NativeSelect
              label={t('followup.form.workStatus')}
              value={f.workStatus}
              onChange={(e) => set('workStatus', e.currentTarget.value as Form['workStatus'])}
              data={WORK_STATUSES.map((k) => ({ value: k, label: t(`followup.workStatus.${k}`) }))}
              error={fieldError('workStatus')}
            />
            <Switch
              label={t('followup.form.hasBusiness')}
              checked={f.hasBusiness}
              onChange={(e) => set('hasBusiness', e.currentTarget.checked)}
            />
            {f.hasBusiness ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {moneyInput(
                  'businessTurnover',
                  t('followup.form.businessTurnover'),
                  f.businessTurnover,
                  (v) => set('businessTurnover', v),
                )}
                <NumberInput
                  label={t('followup.form.businessEmployees')}
                  value={f.businessEmployees}
                  onChange={(v) => set('businessEmployees', v)}
                  allowNegative={false}
                  allowDecimal={false}
                  min={0}
                  inputMode="numeric"
                  error={fieldError('businessEmployees')}
                />
              </SimpleGrid>
            ) : null}
            <Switch
              label={t('followup.form.hasBankAccount')}
              checked={f.hasBankAccount}
              onChange={(e) => set('hasBankAccount', e.currentTarget.checked)}
            />
          </Section>

          <Section id="sv-living" title={t('followup.form.secLiving')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {moneyInput(
                'savings',
                `${t('followup.form.savings')} ${t('followup.form.optional')}`,
                f.savings,
                (v) => set('savings', v),
              )}
              <NativeSelect
                label={t('followup.form.housing')}
                value={f.housing}
                onChange={(e) => set('housing', e.currentTarget.value as Form['housing'])}
                data={HOUSING_KINDS.map((k) => ({ value: k, label: t(`followup.housing.${k}`) }))}
                error={fieldError('housing')}
              />
              <NumberInput
                label={`${t('followup.form.score')} ${t('followup.form.optional')}`}
                description={t('followup.form.scoreHint')}
                value={f.socialFunctioningScore}
                onChange={(v) => set('socialFunctioningScore', v)}
                min={0}
                max={100}
                allowDecimal={false}
                allowNegative={false}
                inputMode="numeric"
                error={fieldError('socialFunctioningScore')}
              />
            </SimpleGrid>
          </Section>

          <Section id="sv-needs" title={t('followup.form.secNeeds')}>
            <Switch
              label={t('followup.form.hasNik')}
              checked={f.hasNik}
              onChange={(e) => set('hasNik', e.currentTarget.checked)}
            />
            <Switch
              label={t('followup.form.hasKk')}
              checked={f.hasKk}
              onChange={(e) => set('hasKk', e.currentTarget.checked)}
            />
            <Switch
              label={t('followup.form.hasBirthCertificate')}
              checked={f.hasBirthCertificate}
              onChange={(e) => set('hasBirthCertificate', e.currentTarget.checked)}
            />
            <Switch
              label={t('followup.form.hasHealthInsurance')}
              checked={f.hasHealthInsurance}
              onChange={(e) => set('hasHealthInsurance', e.currentTarget.checked)}
            />
            <NativeSelect
              label={t('followup.form.childrenInSchool')}
              value={f.childrenInSchool}
              onChange={(e) => set('childrenInSchool', e.currentTarget.value as Form['childrenInSchool'])}
              data={CHILDREN_IN_SCHOOL.map((k) => ({ value: k, label: t(`followup.children.${k}`) }))}
              error={fieldError('childrenInSchool')}
            />
          </Section>

          <Section id="sv-notes" title={t('followup.form.secNotes')}>
            <Textarea
              label={`${t('followup.form.notes')} ${t('followup.form.optional')}`}
              value={f.notes}
              onChange={(e) => set('notes', e.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={4000}
              error={fieldError('notes')}
            />
          </Section>

          {Object.keys(errors).length ? (
            <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
              {t('followup.form.fixFields')}
            </Alert>
          ) : null}
          <SaveError error={save.error} onReload={onReload} conflict={t('followup.form.conflict')} />
          <Group justify="flex-end" gap="sm">
            {existing?.canEdit ? (
              <DeleteSurvey
                survey={existing}
                caseId={caseId}
                personId={personId}
                onDone={() => void navigate(back)}
                onReload={onReload}
              />
            ) : null}
            <Button variant="default" component={Link} to={back}>
              {t('followup.form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('followup.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
