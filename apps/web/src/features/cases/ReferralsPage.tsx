import type { TCaseSummary, TReferral } from '@atensi/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Switch,
  Tabs,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconCheck, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { notify } from '../../components/notify.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useListParams } from '../../lib/use-list-params.ts';
import { Pager } from './CaseloadPage.tsx';
import { type Action, ActionDialog } from './ReferralActions.tsx';
import { ReferralForm } from './ReferralForm.tsx';
import {
  CASE_WORKER_ROLES,
  REFERRAL_PAGE,
  useCaseload,
  useCasePerson,
  useReference,
  useReferrals,
} from './referrals-api.ts';

type Box = 'in' | 'out' | 'all';
const STATUS_COLORS: Record<TReferral['status'], string> = {
  sent: 'blue',
  accepted: 'teal',
  declined: 'red',
  completed: 'green',
  cancelled: 'gray',
};

/** The unit's referral inbox and outbox (everything for headquarters), overdue first. */
export default function ReferralsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const isHq = !me?.unit;
  const canAct = Boolean(me && CASE_WORKER_ROLES.includes(me.role));
  const [params, update] = useListParams();
  const box: Box = isHq ? 'all' : params.get('kotak') === 'keluar' ? 'out' : 'in';
  const overdue = params.get('terlambat') === '1';
  const offset = Math.max(0, Number(params.get('dari')) || 0);
  const list = useReferrals({ box, overdue, offset });
  const [action, setAction] = useState<Action | null>(null);
  const [creating, setCreating] = useState(false);
  const [acceptedCase, setAcceptedCase] = useState<string | null>(null);

  const empty = overdue
    ? t('referrals.emptyOverdue')
    : box === 'in'
      ? t('referrals.emptyIn')
      : box === 'out'
        ? t('referrals.emptyOut')
        : t('referrals.emptyAll');
  const body = list.isPending ? (
    <LoadingState rows={4} />
  ) : list.isError ? (
    <ErrorState error={list.error} onRetry={() => void list.refetch()} />
  ) : list.data.items.length === 0 ? (
    <EmptyState text={empty} />
  ) : (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('referrals.count', { total: formatNumber(list.data.total) })}
      </Text>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {list.data.items.map((r) => (
          <li key={r.id}>
            <ReferralCard
              referral={r}
              canAct={canAct}
              onAction={(kind) => setAction({ kind, referral: r })}
            />
          </li>
        ))}
      </Stack>
      <Pager
        offset={offset}
        size={list.data.items.length}
        total={list.data.total}
        pageSize={REFERRAL_PAGE}
        onChange={(o) => update({ dari: o ? String(o) : null })}
      />
    </Stack>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <PageTitle>{t('referrals.title')}</PageTitle>
          <Text size="sm" c="dimmed" mt={-8}>
            {isHq ? t('referrals.introHq') : t('referrals.intro')}
          </Text>
        </div>
        {canAct ? (
          <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('referrals.create')}
          </Button>
        ) : null}
      </Group>
      {acceptedCase ? (
        <Alert
          color="teal"
          icon={<IconCheck aria-hidden />}
          withCloseButton
          closeButtonLabel={t('referrals.close')}
          onClose={() => setAcceptedCase(null)}
          data-testid="accepted-alert"
        >
          <Stack gap={4}>
            <Text size="sm">{t('referrals.accepted')}</Text>
            <Anchor component={Link} to={`/kasus/${acceptedCase}`} fw={600} size="sm">
              {t('referrals.receivingCase')}{' '}
              <IconArrowRight size={14} aria-hidden style={{ verticalAlign: -2 }} />
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
      <Switch
        label={t('referrals.overdueOnly')}
        checked={overdue}
        onChange={(e) => update({ terlambat: e.currentTarget.checked ? '1' : null })}
      />
      {isHq ? (
        <section aria-label={t('referrals.all')} aria-busy={list.isFetching}>
          {body}
        </section>
      ) : (
        <Tabs
          value={box}
          onChange={(v) => update({ kotak: v === 'out' ? 'keluar' : null })}
          keepMounted={false}
        >
          <Tabs.List aria-label={t('referrals.boxes')}>
            <Tabs.Tab value="in">{t('referrals.inbox')}</Tabs.Tab>
            <Tabs.Tab value="out">{t('referrals.outbox')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="in" pt="md" aria-busy={list.isFetching}>
            {body}
          </Tabs.Panel>
          <Tabs.Panel value="out" pt="md" aria-busy={list.isFetching}>
            {body}
          </Tabs.Panel>
        </Tabs>
      )}
      <ActionDialog
        action={action}
        onClose={() => setAction(null)}
        onAccepted={(caseId) => setAcceptedCase(caseId)}
      />
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('referrals.createTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('referrals.close') }}
      >
        {creating ? (
          <CreateReferral
            onDone={(r) => {
              setCreating(false);
              notify(t('referrals.form.sent', { to: r.toUnit?.name ?? r.toProgramme?.name ?? '' }));
              update({ kotak: 'keluar' });
            }}
            onCancel={() => setCreating(false)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function ReferralCard({
  referral: r,
  canAct,
  onAction,
}: {
  referral: TReferral;
  canAct: boolean;
  onAction: (kind: Action['kind']) => void;
}) {
  const { t, i18n } = useTranslation();
  const reference = useReference();
  const serviceName = (code: string) => {
    const s = reference.data?.services.find((x) => x.code === code);
    return s ? (i18n.language === 'en' ? s.nameEn : s.nameId) : code;
  };
  const open = r.status === 'sent';
  const to = r.toUnit ? `${r.toUnit.name} (${r.toUnit.code})` : (r.toProgramme?.name ?? r.toProgramme?.code);
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="referral-card"
      style={r.overdue ? { borderLeft: '4px solid var(--mantine-color-red-7)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Group gap={6} wrap="wrap">
          <Badge variant="outline" color="gray.8">
            {t(`referrals.direction.${r.direction}`)}
          </Badge>
          <Badge variant="light" color={STATUS_COLORS[r.status]} data-testid="referral-status">
            {t(`referrals.status.${r.status}`)}
          </Badge>
          {r.outcome ? <Badge variant="light">{t(`referrals.outcomeValue.${r.outcome}`)}</Badge> : null}
          {r.overdue ? (
            <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
              {t('referrals.overdue')}
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c={r.overdue ? 'red.9' : 'dimmed'} fw={r.overdue ? 600 : undefined}>
          {open ? t('referrals.deadline', { date: formatDate(r.deadlineAt) }) : null}
        </Text>
      </Group>
      <Stack gap={4} mt="xs">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <b>{t('referrals.from')}:</b> {r.fromUnit.name} ({r.fromUnit.code}) · <b>{t('referrals.to')}:</b>{' '}
          {r.toProgramme ? `${t('referrals.programme')} ` : ''}
          {to}
        </Text>
        {r.person ? (
          <Text size="sm" data-testid="referral-person">
            <b>{t('referrals.person')}:</b> {r.person.fullName}
          </Text>
        ) : null}
        <Text size="sm" data-testid="referral-summary">
          <b>{t('referrals.summary')}:</b> {r.summary}
        </Text>
        {!r.person && r.direction === 'in' && open ? (
          <Text size="xs" c="dimmed" fs="italic">
            {t('referrals.summaryOnly')}
          </Text>
        ) : null}
        <Text size="sm">
          <b>{t('referrals.services')}:</b> {r.servicesRequested.map(serviceName).join(', ')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          <b>{t('referrals.reason')}:</b> {r.reason}
        </Text>
        {r.declineReason ? (
          <Text size="sm" c="red.9">
            <b>{t('referrals.declineReason')}:</b> {r.declineReason}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('referrals.sentAt', { time: formatDateTime(r.createdAt) })}
        </Text>
      </Stack>
      <Group gap="xs" mt="sm" wrap="wrap">
        {r.caseId && r.direction !== 'in' ? (
          <Anchor component={Link} to={`/kasus/${r.caseId}`} size="sm">
            {t('referrals.sendingCase')}
          </Anchor>
        ) : null}
        {r.receivingCaseId && r.direction !== 'out' ? (
          <Anchor
            component={Link}
            to={`/kasus/${r.receivingCaseId}`}
            size="sm"
            fw={600}
            data-testid="receiving-case"
          >
            {t('referrals.receivingCase')}
          </Anchor>
        ) : null}
        {canAct && open && r.direction === 'in' ? (
          <>
            <Button size="xs" onClick={() => onAction('accept')}>
              {t('referrals.accept')}
            </Button>
            <Button size="xs" variant="default" onClick={() => onAction('decline')}>
              {t('referrals.decline')}
            </Button>
          </>
        ) : null}
        {canAct && open && r.direction === 'out' ? (
          <Button size="xs" variant="default" color="red" onClick={() => onAction('cancel')}>
            {t('referrals.cancel')}
          </Button>
        ) : null}
        {canAct && r.direction === 'out' && r.toProgramme && (open || r.status === 'accepted') ? (
          <Button size="xs" variant="light" onClick={() => onAction('outcome')}>
            {t('referrals.outcome')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

/** "Rujuk kasus" from this page: pick one of the user's open cases, then the referral form for it. */
function CreateReferral({ onDone, onCancel }: { onDone: (r: TReferral) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const cases = useCaseload({ mine: me?.role === 'pekerja_sosial', stage: null, offset: 0, limit: 300 });
  const [caseId, setCaseId] = useState<string | null>(null);
  const chosen: TCaseSummary | undefined = cases.data?.items.find((c) => c.id === caseId);
  const person = useCasePerson(chosen?.person.id ?? null);
  if (cases.isPending) return <LoadingState rows={3} />;
  if (cases.isError) return <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />;
  if (cases.data.items.length === 0) return <EmptyState text={t('referrals.pickCaseNone')} />;
  return (
    <Stack gap="md">
      <Select
        label={t('referrals.pickCase')}
        description={t('referrals.pickCaseHelp')}
        placeholder={t('referrals.pickCaseHelp')}
        searchable
        required
        nothingFoundMessage={t('referrals.noMatch')}
        value={caseId}
        onChange={setCaseId}
        data={cases.data.items.map((c) => ({ value: c.id, label: `${c.person.fullName} · ${c.caseNo}` }))}
        comboboxProps={{ withinPortal: true }}
      />
      {chosen ? (
        person.isPending ? (
          <LoadingState rows={2} />
        ) : (
          <ReferralForm
            key={chosen.id}
            caseId={chosen.id}
            clusterCode={chosen.clusterCode}
            areaCode={person.data?.areaCode ?? null}
            personId={chosen.person.id}
            onDone={onDone}
            onCancel={onCancel}
          />
        )
      ) : null}
    </Stack>
  );
}
