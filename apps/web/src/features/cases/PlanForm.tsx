// Editing a draft of the intervention plan: goals and, per ATENSI service component, what, how often,
// by whom and with what budget.
import type { TCase } from '@atensi/contracts';
import {
  ActionIcon,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../components/notify.ts';
import { formatRupiah } from '../../lib/format.ts';
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

export function PlanForm({
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
