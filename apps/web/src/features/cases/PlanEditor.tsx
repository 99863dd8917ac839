import type { TCase } from '@atensi/contracts';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { notify } from '../../components/notify.ts';
import { formatDate, formatRupiah } from '../../lib/format.ts';
import { useCaseAction, useReference } from './api.ts';
import { ActionError, fieldError, RUPIAH_INPUT } from './parts.tsx';

type Plan = NonNullable<TCase['plan']>;
type ItemDraft = {
  key: number;
  serviceCode: string;
  description: string;
  frequency: string;
  responsible: string;
  plannedQuantity: number | string;
  budgetRupiah: number | string;
};

let nextKey = 1;
const emptyItem = (): ItemDraft => ({
  key: nextKey++,
  serviceCode: '',
  description: '',
  frequency: '',
  responsible: '',
  plannedQuantity: 1,
  budgetRupiah: 0,
});

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

function PlanForm({
  c,
  onDone,
  canCancel,
}: {
  c: TCase;
  onDone: (saved: Plan | null) => void;
  canCancel: boolean;
}) {
  const { t } = useTranslation();
  const reference = useReference();
  const save = useCaseAction(c.id);
  const plan = c.plan;
  const [goals, setGoals] = useState<string[]>(plan?.goals.length ? plan.goals : ['']);
  const [items, setItems] = useState<ItemDraft[]>(
    plan?.items.length
      ? plan.items.map((i) => ({
          key: nextKey++,
          serviceCode: i.serviceCode,
          description: i.description,
          frequency: i.frequency ?? '',
          responsible: i.responsible ?? '',
          plannedQuantity: i.plannedQuantity,
          budgetRupiah: i.budgetRupiah,
        }))
      : [emptyItem()],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const services = reference.data?.services ?? [];
  const setItem = (key: number, patch: Partial<ItemDraft>) =>
    setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const err = (f: string) => errors[f] ?? fieldError(save.error, f);
  const total = items.reduce((n, i) => n + (Number(i.budgetRupiah) || 0), 0);

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    const kept = goals.map((g) => g.trim());
    kept.forEach((g, i) => {
      if (g.length < 3) e[`goals.${i}`] = t('cases.form.min3');
    });
    if (!kept.length) e.goals = t('cases.plan.needGoal');
    if (!items.length) e.items = t('cases.plan.needItem');
    items.forEach((it, i) => {
      if (!it.serviceCode) e[`items.${i}.serviceCode`] = t('cases.form.required');
      if (it.description.trim().length < 3) e[`items.${i}.description`] = t('cases.form.min3');
    });
    setErrors(e);
    if (Object.keys(e).length) return;
    // Editing a draft sends its version; changing an approved plan starts a new draft (version 0).
    const version = plan?.status === 'draft' ? plan.version : 0;
    save.mutate(
      {
        path: '/plan',
        method: 'PUT',
        body: {
          goals: kept,
          items: items.map((it) => ({
            serviceCode: it.serviceCode,
            description: it.description.trim(),
            frequency: it.frequency.trim() || null,
            responsible: it.responsible.trim() || null,
            plannedQuantity: Number(it.plannedQuantity) || 0,
            budgetRupiah: Number(it.budgetRupiah) || 0,
          })),
          version,
        },
      },
      {
        onSuccess: (n) => {
          notify(t('cases.plan.savedDraft'));
          onDone(n.plan);
        },
      },
    );
  }

  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {plan?.status === 'approved' ? t('cases.plan.newVersion') : t('cases.plan.title')}
        </Title>
        {!plan ? (
          <Text size="sm" c="dimmed">
            {t('cases.plan.empty')}
          </Text>
        ) : null}
        {Object.keys(errors).length ? (
          <Text c="red.9" size="sm" role="alert">
            {t('cases.form.fixFields')}
          </Text>
        ) : null}
        <Text fw={600} size="sm">
          {t('cases.plan.goals')}
        </Text>
        {goals.map((g, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: goals are plain strings edited in place
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={t('cases.plan.goal', { n: i + 1 })}
              value={g}
              maxLength={1000}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setGoals((xs) => xs.map((x, j) => (j === i ? v : x)));
              }}
              error={err(`goals.${i}`)}
            />
            {goals.length > 1 ? (
              <ActionIcon
                mt={26}
                variant="subtle"
                color="red"
                aria-label={t('cases.plan.removeGoal', { n: i + 1 })}
                onClick={() => setGoals((xs) => xs.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setGoals((xs) => [...xs, ''])}
          >
            {t('cases.plan.addGoal')}
          </Button>
        </Group>
        <Text fw={600} size="sm">
          {t('cases.plan.items')}
        </Text>
        {err('items') ? (
          <Text c="red.9" size="sm">
            {err('items')}
          </Text>
        ) : null}
        {items.map((it, i) => (
          <Card key={it.key} withBorder padding="sm" bg="gray.0" data-testid="plan-item">
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                {t('cases.plan.item', { n: i + 1 })}
              </Text>
              {items.length > 1 ? (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('cases.plan.removeItem', { n: i + 1 })}
                  onClick={() => setItems((xs) => xs.filter((x) => x.key !== it.key))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              ) : null}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <NativeSelect
                label={`${t('cases.plan.service')} ${i + 1}`}
                required
                value={it.serviceCode}
                onChange={(e) => setItem(it.key, { serviceCode: e.currentTarget.value })}
                data={[
                  { value: '', label: '—' },
                  ...services.map((s) => ({ value: s.code, label: s.nameId })),
                ]}
                error={err(`items.${i}.serviceCode`)}
              />
              <TextInput
                label={`${t('cases.plan.description')} ${i + 1}`}
                required
                value={it.description}
                maxLength={2000}
                onChange={(e) => setItem(it.key, { description: e.currentTarget.value })}
                error={err(`items.${i}.description`)}
              />
              <TextInput
                label={`${t('cases.plan.frequency')} ${i + 1}`}
                placeholder={t('cases.plan.frequencyHint')}
                value={it.frequency}
                maxLength={200}
                onChange={(e) => setItem(it.key, { frequency: e.currentTarget.value })}
              />
              <TextInput
                label={`${t('cases.plan.responsible')} ${i + 1}`}
                value={it.responsible}
                maxLength={200}
                onChange={(e) => setItem(it.key, { responsible: e.currentTarget.value })}
              />
              <NumberInput
                label={`${t('cases.plan.quantity')} ${i + 1}`}
                min={0}
                max={10000}
                allowDecimal={false}
                allowNegative={false}
                value={it.plannedQuantity}
                onChange={(v) => setItem(it.key, { plannedQuantity: v })}
                error={err(`items.${i}.plannedQuantity`)}
              />
              <NumberInput
                label={`${t('cases.plan.budget')} ${i + 1}`}
                {...RUPIAH_INPUT}
                value={it.budgetRupiah}
                onChange={(v) => setItem(it.key, { budgetRupiah: v })}
                error={err(`items.${i}.budgetRupiah`)}
              />
            </SimpleGrid>
          </Card>
        ))}
        <Group justify="space-between">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setItems((xs) => [...xs, emptyItem()])}
          >
            {t('cases.plan.addItem')}
          </Button>
          <Text size="sm" fw={600}>
            {t('cases.plan.total', { total: formatRupiah(total) })}
          </Text>
        </Group>
        <ActionError error={save.error} caseId={c.id} />
        <Group justify="flex-end">
          {canCancel ? (
            <Button variant="default" onClick={() => onDone(null)}>
              {t('cases.form.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending}>
            {t('cases.plan.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
