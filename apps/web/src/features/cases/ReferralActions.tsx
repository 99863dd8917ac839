// The four decisions on a referral (accept, decline, cancel, record the outcome) in one dialog.
import { APPROACHES, REFERRAL_OUTCOMES, type TReferral } from '@atensi/contracts';
import { Button, Checkbox, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { notify } from '../../components/notify.ts';
import { ErrorState } from '../../components/states.tsx';
import {
  useAcceptReferral,
  useCancelReferral,
  useDeclineReferral,
  useReferralOutcome,
} from './referrals-api.ts';

type Outcome = (typeof REFERRAL_OUTCOMES)[number];
export type Action = { kind: 'accept' | 'decline' | 'cancel' | 'outcome'; referral: TReferral };

/** One dialog for the four decisions; a 409 (changed meanwhile, or already decided) closes it and reloads. */
export function ActionDialog({
  action,
  onClose,
  onAccepted,
}: {
  action: Action | null;
  onClose: () => void;
  onAccepted: (caseId: string) => void;
}) {
  const { t } = useTranslation();
  const accept = useAcceptReferral();
  const decline = useDeclineReferral();
  const cancel = useCancelReferral();
  const outcome = useReferralOutcome();
  const [approaches, setApproaches] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<Outcome | null>(null);
  const [note, setNote] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const mutation = { accept, decline, cancel, outcome }[action?.kind ?? 'accept'];

  const reset = () => {
    for (const m of [accept, decline, cancel, outcome]) m.reset();
    setApproaches([]);
    setReason('');
    setResult(null);
    setNote('');
    setFieldError(null);
    onClose();
  };
  const onError = (err: Error) => {
    if (err instanceof ApiError && (err.code === 'CONFLICT' || err.code === 'REFERRAL_NOT_OPEN')) {
      notify(err.code === 'CONFLICT' ? t('referrals.conflict') : t('referrals.notOpen'), 'red');
      reset();
    }
  };

  const submit = () => {
    if (!action) return;
    const { id, version } = action.referral;
    setFieldError(null);
    if (action.kind === 'accept') {
      if (approaches.length === 0) {
        setFieldError(t('referrals.approachesRequired'));
        return;
      }
      accept.mutate(
        { id, body: { version, approaches: approaches as (typeof APPROACHES)[number][] } },
        {
          onSuccess: (r) => {
            notify(t('referrals.accepted'));
            if (r.receivingCaseId) onAccepted(r.receivingCaseId);
            reset();
          },
          onError,
        },
      );
    } else if (action.kind === 'outcome') {
      if (!result) {
        setFieldError(t('referrals.outcomeRequired'));
        return;
      }
      outcome.mutate(
        { id, body: { version, outcome: result, ...(note.trim() ? { note: note.trim() } : {}) } },
        {
          onSuccess: () => {
            notify(t('referrals.outcomeSaved'));
            reset();
          },
          onError,
        },
      );
    } else {
      if (reason.trim().length < 5) {
        setFieldError(t('referrals.reasonShort'));
        return;
      }
      const m = action.kind === 'decline' ? decline : cancel;
      const done = action.kind === 'decline' ? t('referrals.declined') : t('referrals.cancelled');
      m.mutate(
        { id, body: { version, reason: reason.trim() } },
        {
          onSuccess: () => {
            notify(done);
            reset();
          },
          onError,
        },
      );
    }
  };

  const kind = action?.kind;
  const title =
    kind === 'accept'
      ? t('referrals.acceptTitle')
      : kind === 'decline'
        ? t('referrals.declineTitle')
        : kind === 'cancel'
          ? t('referrals.cancelTitle')
          : t('referrals.outcomeTitle');
  const confirm =
    kind === 'accept'
      ? t('referrals.acceptConfirm')
      : kind === 'decline'
        ? t('referrals.declineConfirm')
        : kind === 'cancel'
          ? t('referrals.cancelConfirm')
          : t('referrals.outcomeConfirm');
  const err = mutation.error;
  return (
    <Modal
      opened={action !== null}
      onClose={reset}
      title={title}
      closeButtonProps={{ 'aria-label': t('referrals.close') }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          {action ? (
            <Text size="sm" c="dimmed">
              {action.referral.fromUnit.name} →{' '}
              {action.referral.toUnit?.name ?? action.referral.toProgramme?.name}
              {' · '}
              {action.referral.summary}
            </Text>
          ) : null}
          {kind === 'accept' ? (
            <>
              <Text size="sm">{t('referrals.acceptExplain')}</Text>
              <Checkbox.Group
                label={t('referrals.approaches')}
                required
                value={approaches}
                onChange={setApproaches}
                error={fieldError}
              >
                <Stack gap={6} mt={6}>
                  {APPROACHES.map((a) => (
                    <Checkbox key={a} value={a} label={t(`referrals.approach.${a}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </>
          ) : kind === 'outcome' ? (
            <>
              <Radio.Group
                label={t('referrals.outcomeLabel')}
                required
                value={result}
                onChange={(v) => setResult(REFERRAL_OUTCOMES.find((o) => o === v) ?? null)}
                error={fieldError}
              >
                <Stack gap={6} mt={6}>
                  {REFERRAL_OUTCOMES.map((o) => (
                    <Radio key={o} value={o} label={t(`referrals.outcomeValue.${o}`)} />
                  ))}
                </Stack>
              </Radio.Group>
              <Textarea
                label={t('referrals.outcomeNote')}
                value={note}
                maxLength={2000}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
            </>
          ) : (
            <Textarea
              label={kind === 'decline' ? t('referrals.declineLabel') : t('referrals.cancelLabel')}
              required
              autosize
              minRows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldError ?? (err instanceof ApiError ? err.fieldError('reason') : undefined)}
            />
          )}
          {err && !(err instanceof ApiError && err.code === 'VALIDATION_FAILED') ? (
            <ErrorState error={err} />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={reset}>
              {t('referrals.back')}
            </Button>
            <Button
              type="submit"
              loading={mutation.isPending}
              color={kind === 'decline' || kind === 'cancel' ? 'red.9' : undefined}
            >
              {confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
