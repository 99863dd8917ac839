import { RISK_LEVELS, type TCase } from '@atensi/contracts';
import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../components/notify.ts';
import { EmptyState } from '../../components/states.tsx';
import { latestDateInIndonesia, todayLocal } from '../../lib/dates.ts';
import { formatDate } from '../../lib/format.ts';
import { useAssessmentForm, useCaseAction } from './api.ts';
import { ActionError, DOMAINS, fieldError } from './parts.tsx';

type Domain = string;
type Risk = (typeof RISK_LEVELS)[number];
const RISK_COLOR: Record<Risk, string> = { low: 'teal', medium: 'yellow', high: 'orange', critical: 'red' };

export function AssessmentTab({ c, canWork }: { c: TCase; canWork: boolean }) {
  const { t } = useTranslation();
  const [isAdding, setIsAdding] = useState(false);
  const list = [...c.assessments].reverse();
  return (
    <Stack gap="md">
      {c.assessments.length > 1 ? <ScoreTrend c={c} /> : null}
      {canWork && !isAdding ? (
        <Group>
          <Button onClick={() => setIsAdding(true)}>{t('cases.assessment.add')}</Button>
        </Group>
      ) : null}
      {isAdding ? <AssessmentForm c={c} onDone={() => setIsAdding(false)} /> : null}
      <Title order={3} size="h5">
        {t('cases.assessment.list')}
      </Title>
      {list.length === 0 ? (
        <EmptyState text={t('cases.assessment.empty')} />
      ) : (
        list.map((a) => (
          <Card key={a.id} withBorder padding="sm" data-testid="assessment">
            <Group justify="space-between" gap="xs">
              <Text fw={600}>{formatDate(a.assessedOn)}</Text>
              <Group gap={6}>
                <Badge color={RISK_COLOR[a.riskLevel]} variant="light">
                  {t('cases.assessment.risk')}: {t(`cases.risk.${a.riskLevel}`)}
                </Badge>
                <Badge variant="outline" color="blue">
                  {t('cases.assessment.score')}:{' '}
                  {t('cases.assessment.scoreOf', { score: a.functioningScore })}
                </Badge>
              </Group>
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing={4} mt="xs">
              {DOMAINS.map((d) => (
                <Text key={d} size="xs">
                  {t(`cases.domains.${d}`)}: <b>{String(a.answers[d] ?? '—')}</b>
                </Text>
              ))}
            </SimpleGrid>
            {a.needs ? (
              <Text size="sm" mt={4}>
                <b>{t('cases.assessment.needs')}:</b> {a.needs}
              </Text>
            ) : null}
            {a.strengths ? (
              <Text size="sm">
                <b>{t('cases.assessment.strengths')}:</b> {a.strengths}
              </Text>
            ) : null}
          </Card>
        ))
      )}
    </Stack>
  );
}

/** Social-functioning score per assessment, oldest first: one bar each. */
function ScoreTrend({ c }: { c: TCase }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" component="figure" m={0} data-testid="score-trend">
      <Text component="figcaption" size="sm" fw={600} mb="xs">
        {t('cases.assessment.trend')}
      </Text>
      <Stack gap={6}>
        {c.assessments.map((a) => (
          <Group key={a.id} gap="xs" wrap="nowrap">
            <Text size="xs" w={110} style={{ flexShrink: 0 }}>
              {formatDate(a.assessedOn)}
            </Text>
            <Progress
              value={a.functioningScore}
              style={{ flex: 1 }}
              color="blue.8"
              aria-label={`${formatDate(a.assessedOn)}: ${a.functioningScore}`}
            />
            <Text size="xs" w={32} ta="right">
              {a.functioningScore}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function AssessmentForm({ c, onDone }: { c: TCase; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  // The form's structure comes from the API (it is data); the built-in list is the fallback while it loads.
  const formDef = useAssessmentForm().data;
  const domains: Domain[] = formDef?.domains.map((d) => d.key) ?? [...DOMAINS];
  const scale = formDef
    ? Array.from({ length: formDef.scale.max - formDef.scale.min + 1 }, (_, i) => formDef.scale.min + i)
    : [1, 2, 3, 4, 5];
  const label = (key: Domain) => {
    const d = formDef?.domains.find((x) => x.key === key);
    return d ? (i18n.language === 'en' ? d.en : d.id) : t(`cases.domains.${key}`);
  };
  const save = useCaseAction(c.id);
  const [scores, setScores] = useState<Partial<Record<Domain, number>>>({});
  const [notes, setNotes] = useState<Partial<Record<Domain, string>>>({});
  const [needs, setNeeds] = useState('');
  const [strengths, setStrengths] = useState('');
  const [risk, setRisk] = useState<Risk | ''>('');
  const [date, setDate] = useState(todayLocal());
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    for (const d of domains) if (!scores[d]) e[d] = t('cases.assessment.pickScore');
    if (!risk) e.risk = t('cases.form.required');
    if (!date) e.date = t('cases.form.required');
    else if (date > latestDateInIndonesia()) e.date = t('cases.form.future');
    setErrors(e);
    if (Object.keys(e).length || !risk) return;
    const answers: Record<string, string | number> = {};
    for (const d of domains) {
      answers[d] = scores[d] ?? 0;
      const n = notes[d]?.trim();
      if (n) answers[`${d}_notes`] = n;
    }
    save.mutate(
      {
        path: '/assessments',
        body: {
          answers,
          needs: needs.trim() || null,
          strengths: strengths.trim() || null,
          riskLevel: risk,
          assessedOn: date,
        },
      },
      {
        onSuccess: () => {
          notify(t('cases.assessment.saved'));
          onDone();
        },
      },
    );
  }

  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('cases.assessment.add')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('cases.assessment.scale')}
        </Text>
        {Object.keys(errors).length ? (
          <Text c="red.9" size="sm" role="alert">
            {t('cases.form.fixFields')}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {domains.map((d) => (
            <Stack key={d} gap={4}>
              <Radio.Group
                label={label(d)}
                required
                value={scores[d] ? String(scores[d]) : ''}
                onChange={(v) => setScores((s) => ({ ...s, [d]: Number(v) }))}
                error={errors[d] ?? fieldError(save.error, `answers.${d}`)}
              >
                <Group gap="md" mt={4}>
                  {scale.map((n) => (
                    <Radio key={n} value={String(n)} label={String(n)} />
                  ))}
                </Group>
              </Radio.Group>
              <TextInput
                size="xs"
                aria-label={t('cases.assessment.domainNotes', { domain: label(d) })}
                placeholder={t('cases.assessment.domainNotes', { domain: label(d) })}
                value={notes[d] ?? ''}
                maxLength={4000}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setNotes((s) => ({ ...s, [d]: v }));
                }}
              />
            </Stack>
          ))}
        </SimpleGrid>
        <Textarea
          label={t('cases.assessment.needs')}
          autosize
          minRows={2}
          value={needs}
          onChange={(e) => setNeeds(e.currentTarget.value)}
        />
        <Textarea
          label={t('cases.assessment.strengths')}
          autosize
          minRows={2}
          value={strengths}
          onChange={(e) => setStrengths(e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('cases.assessment.risk')}
            required
            value={risk}
            onChange={(e) => setRisk(e.currentTarget.value as Risk | '')}
            data={[
              { value: '', label: '—' },
              ...RISK_LEVELS.map((r) => ({ value: r, label: t(`cases.risk.${r}`) })),
            ]}
            error={errors.risk}
          />
          <TextInput
            type="date"
            label={t('cases.assessment.date')}
            required
            max={latestDateInIndonesia()}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={errors.date ?? fieldError(save.error, 'assessedOn')}
          />
        </SimpleGrid>
        <ActionError error={save.error} caseId={c.id} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('cases.form.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('cases.form.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
