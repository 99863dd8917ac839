import { CASE_STAGES, type TCase, type TCaseStage } from '@atensi/contracts';
import { Alert, Button, Card, Group, List, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconCircleCheck } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { notify } from '../../components/notify.ts';
import { useCaseAction } from './api.ts';
import { ActionError } from './parts.tsx';

/**
 * What is missing before the next stage, the "move on" button, and for the unit head a move with a
 * recorded reason (past a missing record, backwards or skipping).
 */
export function StageControl({
  c,
  isHead,
  onMoved,
}: {
  c: TCase;
  isHead: boolean;
  onMoved: (to: TCaseStage) => void;
}) {
  const { t } = useTranslation();
  const advance = useCaseAction(c.id);
  const override = useCaseAction(c.id);
  const [isOverriding, setIsOverriding] = useState(false);
  const [target, setTarget] = useState<TCaseStage | ''>('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  if (!c.nextStage && c.stage !== 'closed') return null;
  if (c.stage === 'closed') return null;
  const next = c.nextStage;
  const stageName = (s: TCaseStage) => t(`cases.stages.${s}`);
  const err = advance.error instanceof ApiError ? advance.error : null;
  const isRefused = err?.code === 'CASE_STAGE_INCOMPLETE' || err?.code === 'CASE_STAGE_ORDER';

  function moveOn() {
    if (!next) return;
    advance.mutate(
      { path: '/stage', body: { to: next, version: c.version } },
      {
        onSuccess: (n) => {
          notify(t('cases.glance.advanced', { stage: stageName(n.stage) }));
          onMoved(n.stage);
        },
      },
    );
  }

  function submitOverride(ev: FormEvent) {
    ev.preventDefault();
    const to = target || next;
    if (!to) return;
    if (reason.trim().length < 3) {
      setReasonError(t('cases.form.min3'));
      return;
    }
    setReasonError(null);
    override.mutate(
      { path: '/stage', body: { to, version: c.version, override: { reason: reason.trim() } } },
      {
        onSuccess: (n) => {
          notify(t('cases.glance.advanced', { stage: stageName(n.stage) }));
          setIsOverriding(false);
          setReason('');
          onMoved(n.stage);
        },
      },
    );
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="next-stage-title">
      <Stack gap="sm">
        <Title order={2} size="h5" id="next-stage-title">
          {t('cases.glance.missingTitle')}
        </Title>
        {c.missingForNext.length ? (
          <List size="sm" icon={<IconAlertTriangle size={16} color="var(--mantine-color-orange-9)" />}>
            {c.missingForNext.map((m) => (
              <List.Item key={m}>{m}</List.Item>
            ))}
          </List>
        ) : (
          <Group gap={6}>
            <IconCircleCheck size={18} color="var(--mantine-color-teal-9)" aria-hidden />
            <Text size="sm">{t('cases.glance.nothingMissing')}</Text>
          </Group>
        )}
        {isRefused ? (
          <Alert color="orange" role="alert" title={t('cases.glance.incomplete')}>
            <Text size="sm">{err.message}</Text>
            {err.details.length ? (
              <List size="sm" mt={4}>
                {err.details.map((d) => (
                  <List.Item key={d.issue}>{d.message.replace(/^to: /, '')}</List.Item>
                ))}
              </List>
            ) : null}
          </Alert>
        ) : advance.error ? (
          <ActionError error={advance.error} caseId={c.id} />
        ) : null}
        <Group gap="sm">
          {next ? (
            <Button
              onClick={moveOn}
              loading={advance.isPending}
              rightSection={<IconArrowRight size={16} aria-hidden />}
            >
              {t('cases.glance.advance', { stage: stageName(next) })}
            </Button>
          ) : null}
          {isHead ? (
            <Button variant="subtle" onClick={() => setIsOverriding((v) => !v)} aria-expanded={isOverriding}>
              {t('cases.glance.override')}
            </Button>
          ) : null}
        </Group>
        {isHead && isOverriding ? (
          <form onSubmit={submitOverride} noValidate>
            <Stack gap="xs">
              <NativeSelect
                label={t('cases.glance.overrideTo')}
                value={target || next || ''}
                onChange={(e) => setTarget(e.currentTarget.value as TCaseStage)}
                data={CASE_STAGES.filter((s) => s !== c.stage).map((s) => ({
                  value: s,
                  label: stageName(s),
                }))}
              />
              <Textarea
                label={t('cases.glance.overrideReason')}
                description={t('cases.glance.overrideHint')}
                required
                autosize
                minRows={2}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={reasonError}
              />
              <ActionError error={override.error} caseId={c.id} />
              <Group justify="flex-end">
                <Button type="submit" color="orange" loading={override.isPending}>
                  {t('cases.glance.overrideSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
