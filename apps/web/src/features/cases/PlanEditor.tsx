import type { TCase } from '@atensi/contracts';
import { Alert, Badge, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { notify } from '../../components/notify.ts';
import { formatDate, formatRupiah } from '../../lib/format.ts';
import { useCaseAction, useReference } from './api.ts';
import { PlanForm } from './PlanForm.tsx';
import { ActionError } from './parts.tsx';

type Plan = NonNullable<TCase['plan']>;
/** The intervention plan: read it, approve it (unit head, not its author), or edit a draft. */
export function PlanEditor({ c, canWork, isHead }: { c: TCase; canWork: boolean; isHead: boolean }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const plan = c.plan;
  const [isEditing, setIsEditing] = useState(false);
  const approve = useCaseAction(c.id);
  const isOpen = c.stage !== 'closed';
  const isSelfRefused = approve.error instanceof ApiError && approve.error.code === 'PLAN_SELF_APPROVAL';
  const isAuthor = Boolean(plan && me && plan.createdById === me.id) || isSelfRefused;

  if ((!plan || isEditing) && canWork && isOpen) {
    return <PlanForm c={c} onDone={() => setIsEditing(false)} canCancel={Boolean(plan)} />;
  }
  if (!plan) return <Text c="dimmed">{t('cases.glance.noPlan')}</Text>;
  return (
    <Stack gap="md">
      <VersionLine plan={plan} approved={c.approvedPlan} />
      <PlanView plan={plan} />
      {plan.status === 'draft' ? (
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />}>
          {t('cases.plan.awaitingApproval')}
        </Alert>
      ) : null}
      {isHead && plan.status === 'draft' && isOpen ? (
        <Stack gap={4} align="flex-start">
          <Button
            color="teal.9"
            disabled={isAuthor}
            loading={approve.isPending}
            aria-describedby={isAuthor ? 'self-approval-why' : undefined}
            onClick={() =>
              approve.mutate(
                { path: '/plan/approve', body: { version: plan.version } },
                { onSuccess: () => notify(t('cases.plan.approved')) },
              )
            }
          >
            {t('cases.plan.approve')}
          </Button>
          {isAuthor ? (
            <Text size="sm" c="dimmed" id="self-approval-why">
              {t('cases.plan.selfApproval')}
            </Text>
          ) : (
            <ActionError error={approve.error} caseId={c.id} />
          )}
        </Stack>
      ) : null}
      {canWork && isOpen ? (
        <Group>
          <Button variant="light" onClick={() => setIsEditing(true)}>
            {plan.status === 'draft' ? t('cases.plan.edit') : t('cases.plan.newVersion')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** "v2 draf · v1 disetujui …" or "v1 disetujui oleh X pada tanggal". */
function VersionLine({ plan, approved }: { plan: Plan; approved: Plan | null }) {
  const { t } = useTranslation();
  const approval =
    plan.status === 'approved' && plan.approvedBy && plan.approvedAt
      ? t('cases.plan.approvedBy', { who: plan.approvedBy, date: formatDate(plan.approvedAt) })
      : null;
  const parts = [
    approval
      ? `v${plan.planNo} ${approval}`
      : t('cases.plan.versionLine', { no: plan.planNo, status: t(`cases.plan.status.${plan.status}`) }),
  ];
  // While a new version waits, the approved one still governs: say which and who approved it.
  if (plan.status === 'draft' && approved?.approvedBy && approved.approvedAt) {
    parts.push(
      `v${approved.planNo} ${t('cases.plan.approvedBy', { who: approved.approvedBy, date: formatDate(approved.approvedAt) })}`,
    );
  } else if (plan.status === 'draft' && plan.planNo > 1) {
    parts.push(t('cases.plan.previousApproved', { no: plan.planNo - 1 }));
  }
  if (plan.reviewDue) parts.push(t('cases.plan.reviewDue', { date: formatDate(plan.reviewDue) }));
  return (
    <Group gap="xs" data-testid="plan-version">
      <Badge color={plan.status === 'approved' ? 'teal' : 'gray'} variant="light">
        v{plan.planNo}
      </Badge>
      <Text size="sm">{parts.join(' · ')}</Text>
    </Group>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const reference = useReference();
  const name = (code: string) => reference.data?.services.find((s) => s.code === code)?.nameId ?? code;
  const total = plan.items.reduce((n, i) => n + i.budgetRupiah, 0);
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        {t('cases.plan.goals')}
      </Title>
      <List size="sm" type="ordered">
        {plan.goals.map((g, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: goals are plain strings in a fixed order
          <List.Item key={i}>{g}</List.Item>
        ))}
      </List>
      <Title order={3} size="h5">
        {t('cases.plan.items')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cases.plan.service')}</Table.Th>
              <Table.Th>{t('cases.plan.description')}</Table.Th>
              <Table.Th>{t('cases.plan.frequency')}</Table.Th>
              <Table.Th>{t('cases.plan.responsible')}</Table.Th>
              <Table.Th ta="right">{t('cases.plan.quantity')}</Table.Th>
              <Table.Th ta="right">{t('cases.plan.budget')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{name(i.serviceCode)}</Table.Td>
                <Table.Td>{i.description}</Table.Td>
                <Table.Td>{i.frequency ?? '—'}</Table.Td>
                <Table.Td>{i.responsible ?? '—'}</Table.Td>
                <Table.Td ta="right">
                  {i.deliveredQuantity} / {i.plannedQuantity}
                </Table.Td>
                <Table.Td ta="right">{formatRupiah(i.budgetRupiah)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" fw={600} ta="right">
        {t('cases.plan.total', { total: formatRupiah(total) })}
      </Text>
    </Stack>
  );
}
