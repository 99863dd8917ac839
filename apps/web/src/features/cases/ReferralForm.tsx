import { SERVICE_MODES, type TReferral, type TServiceMode } from '@atensi/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { AreaPicker } from '../../components/AreaPicker.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useCreateReferral, useNearestUnits, useReference } from './referrals-api.ts';

type Props = {
  caseId: string;
  clusterCode: string;
  /** The person's area (from their address): where the nearest unit is measured from. */
  areaCode?: string | null;
  /** For the link to the person page when consent for referral is missing. */
  personId?: string;
  onDone: (referral: TReferral) => void;
  onCancel?: () => void;
};

type Target = 'unit' | 'programme';
type Errors = Partial<Record<'toUnitId' | 'toProgrammeCode' | 'servicesRequested' | 'reason', string>>;
const isMode = (v: string): v is TServiceMode => SERVICE_MODES.some((m) => m === v);

/**
 * Refer a case to another unit (the nearest able units are suggested, with distance and free beds) or to a
 * programme. Needs the person's consent for referral: the server refuses without it and the form says where
 * to record it.
 */
export function ReferralForm({ caseId, clusterCode, areaCode, personId, onDone, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const reference = useReference();
  const create = useCreateReferral();
  const [target, setTarget] = useState<Target>('unit');
  const [mode, setMode] = useState<TServiceMode>('residential');
  const [area, setArea] = useState<string | null>(areaCode ?? null);
  const [toUnitId, setToUnitId] = useState<string | null>(null);
  const [programme, setProgramme] = useState<string | null>(null);
  const [services, setServices] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const nearest = useNearestUnits(target === 'unit' && area ? { cluster: clusterCode, mode, area } : null);
  // Referring to one's own unit is refused by the server: do not offer it.
  const suggestions = (nearest.data?.items ?? []).filter((it) => it.unit.id !== me?.unit?.id);
  const lang = (x: { nameId: string; nameEn: string }) => (i18n.language === 'en' ? x.nameEn : x.nameId);

  const check = (): Errors => {
    const e: Errors = {};
    if (target === 'unit' && !toUnitId) e.toUnitId = t('referrals.form.unitRequired');
    if (target === 'programme' && !programme) e.toProgrammeCode = t('referrals.form.programmeRequired');
    if (services.length === 0) e.servicesRequested = t('referrals.form.servicesRequired');
    if (reason.trim().length < 10) e.reason = t('referrals.form.reasonShort');
    return e;
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e = check();
    setErrors(e);
    if (Object.keys(e).length) return;
    create.mutate(
      {
        caseId,
        ...(target === 'unit' ? { toUnitId: toUnitId ?? '' } : { toProgrammeCode: programme ?? '' }),
        servicesRequested: services,
        reason: reason.trim(),
      },
      {
        onSuccess: onDone,
        onError: (err) => {
          if (!(err instanceof ApiError)) return;
          const field = (f: string) =>
            err.details.find((d) => d.field === f || d.field.startsWith(`${f}.`))?.message;
          setErrors({
            toUnitId: field('toUnitId'),
            toProgrammeCode: field('toProgrammeCode'),
            servicesRequested: field('servicesRequested'),
            reason: field('reason'),
          });
        },
      },
    );
  };

  const err = create.error;
  const consentMissing = err instanceof ApiError && err.code === 'CONSENT_MISSING';
  const fieldLevel = err instanceof ApiError && err.code === 'VALIDATION_FAILED';
  return (
    <form onSubmit={submit} noValidate aria-label={t('referrals.createTitle')}>
      <Stack gap="md">
        <Radio.Group
          label={t('referrals.form.target')}
          value={target}
          onChange={(v) => setTarget(v === 'programme' ? 'programme' : 'unit')}
        >
          <Group gap="md" mt={4}>
            <Radio value="unit" label={t('referrals.form.toUnit')} />
            <Radio value="programme" label={t('referrals.form.toProgramme')} />
          </Group>
        </Radio.Group>

        {target === 'unit' ? (
          <Stack gap="sm">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="referral-mode">
                {t('referrals.form.mode')}
              </Text>
              <SegmentedControl
                aria-labelledby="referral-mode"
                value={mode}
                onChange={(v) => {
                  if (isMode(v)) setMode(v);
                  setToUnitId(null);
                }}
                data={SERVICE_MODES.map((m) => ({ value: m, label: t(`referrals.form.modes.${m}`) }))}
                style={{ alignSelf: 'flex-start' }}
              />
            </Stack>
            <AreaPicker
              label={t('referrals.form.area')}
              description={
                areaCode && area === areaCode
                  ? t('referrals.form.areaFromPerson')
                  : t('referrals.form.areaHelp')
              }
              value={area}
              onChange={(code) => {
                setArea(code);
                setToUnitId(null);
              }}
            />
            <section aria-labelledby="referral-suggestions" aria-busy={nearest.isFetching}>
              <Text component="h3" size="sm" fw={600} id="referral-suggestions">
                {t('referrals.form.suggestions')}
              </Text>
              {!area ? (
                <Text size="sm" c="dimmed">
                  {t('referrals.form.pickArea')}
                </Text>
              ) : nearest.isPending ? (
                <LoadingState rows={3} />
              ) : nearest.isError ? (
                <ErrorState error={nearest.error} onRetry={() => void nearest.refetch()} />
              ) : suggestions.length === 0 ? (
                <EmptyState text={t('referrals.form.none')} />
              ) : (
                <Radio.Group
                  label={t('referrals.form.unit')}
                  required
                  value={toUnitId}
                  onChange={setToUnitId}
                  description={t('referrals.form.suggestionsHelp')}
                  error={errors.toUnitId}
                  mt={4}
                >
                  <Stack gap="xs" mt="xs">
                    {suggestions.map((it, i) => (
                      <Radio
                        key={it.unit.id}
                        value={it.unit.id}
                        data-testid="referral-suggestion"
                        label={
                          <Text size="sm" fw={600} span>
                            {i + 1}. {it.unit.name}
                          </Text>
                        }
                        description={
                          <Group gap={6} component="span" wrap="wrap">
                            <span>
                              {it.unit.code} · {it.unit.city} ·{' '}
                              {t('referrals.form.distance', { km: formatNumber(it.distanceKm) })}
                            </span>
                            {it.isCovering ? (
                              <Badge size="xs" variant="outline" color="teal.9" component="span">
                                {t('referrals.form.covering')}
                              </Badge>
                            ) : null}
                            {mode === 'residential' ? (
                              <span data-testid="referral-beds">
                                {it.residentialCapacity > 0
                                  ? t('referrals.form.beds', {
                                      free: formatNumber(it.residentialFree),
                                      total: formatNumber(it.residentialCapacity),
                                    })
                                  : t('referrals.form.noBeds')}
                              </span>
                            ) : null}
                          </Group>
                        }
                      />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
              {errors.toUnitId && (!area || suggestions.length === 0) ? (
                <Text size="sm" c="red.9" mt={4}>
                  {errors.toUnitId}
                </Text>
              ) : null}
            </section>
          </Stack>
        ) : (
          <Select
            label={t('referrals.form.programme')}
            required
            searchable
            value={programme}
            onChange={setProgramme}
            error={errors.toProgrammeCode}
            disabled={reference.isPending}
            data={(reference.data?.programmes ?? []).map((p) => ({ value: p.code, label: lang(p) }))}
          />
        )}

        <Checkbox.Group
          label={t('referrals.form.services')}
          required
          value={services}
          onChange={setServices}
          error={errors.servicesRequested}
        >
          <Stack gap={6} mt={6}>
            {(reference.data?.services ?? []).map((s) => (
              <Checkbox key={s.code} value={s.code} label={lang(s)} />
            ))}
          </Stack>
        </Checkbox.Group>

        <Textarea
          label={t('referrals.form.reason')}
          description={t('referrals.form.reasonHelp')}
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />

        {consentMissing ? (
          <Alert
            color="red"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('referrals.form.consentTitle')}
            role="alert"
            data-testid="consent-missing"
          >
            <Stack gap={6}>
              <Text size="sm">{t('referrals.form.consentHint')}</Text>
              {personId ? (
                <Anchor component={Link} to={`/pm/${personId}`} size="sm" fw={600}>
                  {t('referrals.form.openPerson')}
                </Anchor>
              ) : null}
            </Stack>
          </Alert>
        ) : err && !fieldLevel ? (
          <ErrorState error={err} />
        ) : null}

        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('referrals.back')}
            </Button>
          ) : null}
          <Button type="submit" loading={create.isPending} leftSection={<IconSend size={16} aria-hidden />}>
            {t('referrals.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
