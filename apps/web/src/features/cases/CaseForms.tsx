import type { TCase } from '@atensi/contracts';
import {
  Badge,
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
import { IconLock } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../components/notify.ts';
import { EmptyState } from '../../components/states.tsx';
import { latestDateInIndonesia, todayLocal } from '../../lib/dates.ts';
import { formatDate, formatDateTime, formatRupiah } from '../../lib/format.ts';
import { useCaseAction, useReference } from './api.ts';
import { ActionError, fieldError, RUPIAH_INPUT } from './parts.tsx';

const FREE = '';

/** Services delivered: record one against a plan item (or outside the plan) and list them. */
export function ServicesTab({ c, canWork }: { c: TCase; canWork: boolean }) {
  const { t } = useTranslation();
  const reference = useReference();
  const save = useCaseAction(c.id);
  // Services are recorded against the approved plan (a newer draft does not govern yet).
  const items = (c.approvedPlan ?? c.plan)?.items ?? [];
  const [picked, setPlanItem] = useState<string | null>(null);
  // Until the worker picks, the first plan item (a new plan version has new items).
  const planItemId =
    picked === FREE || items.some((i) => i.id === picked) ? (picked ?? FREE) : (items[0]?.id ?? FREE);
  const [serviceCode, setService] = useState('');
  const [date, setDate] = useState(todayLocal());
  const [quantity, setQuantity] = useState<number | string>(1);
  const [cost, setCost] = useState<number | string>(0);
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const name = (code: string) => reference.data?.services.find((s) => s.code === code)?.nameId ?? code;
  const chosen = items.find((i) => i.id === planItemId);
  const code = chosen ? chosen.serviceCode : serviceCode;

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!code) e.serviceCode = t('cases.form.required');
    if (!date) e.deliveredOn = t('cases.form.required');
    else if (date > latestDateInIndonesia()) e.deliveredOn = t('cases.form.future');
    if (!(Number(quantity) >= 1)) e.quantity = t('cases.form.required');
    setErrors(e);
    if (Object.keys(e).length) return;
    save.mutate(
      {
        path: '/services',
        body: {
          serviceCode: code,
          planItemId: chosen ? chosen.id : null,
          deliveredOn: date,
          quantity: Number(quantity),
          costRupiah: Number(cost) || 0,
          notes: notes.trim() || null,
        },
      },
      {
        onSuccess: () => {
          notify(t('cases.services.saved'));
          setNotes('');
          setCost(0);
          setQuantity(1);
        },
      },
    );
  }

  const err = (f: string) => errors[f] ?? fieldError(save.error, f);
  const list = [...c.services].sort((a, b) => b.deliveredOn.localeCompare(a.deliveredOn));
  return (
    <Stack gap="md">
      {canWork && c.stage !== 'closed' ? (
        <Card withBorder padding="md" component="form" onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('cases.services.add')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NativeSelect
                label={t('cases.services.planItem')}
                value={planItemId}
                onChange={(e) => setPlanItem(e.currentTarget.value)}
                data={[
                  ...items.map((i) => ({ value: i.id, label: `${name(i.serviceCode)}: ${i.description}` })),
                  { value: FREE, label: t('cases.services.free') },
                ]}
                error={err('planItemId')}
              />
              <NativeSelect
                label={t('cases.services.component')}
                required
                disabled={Boolean(chosen)}
                value={code}
                onChange={(e) => setService(e.currentTarget.value)}
                data={[
                  { value: '', label: '—' },
                  ...(reference.data?.services ?? []).map((s) => ({ value: s.code, label: s.nameId })),
                ]}
                error={err('serviceCode')}
              />
              <TextInput
                type="date"
                label={t('cases.services.date')}
                required
                max={latestDateInIndonesia()}
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
                error={err('deliveredOn')}
              />
              <NumberInput
                label={t('cases.services.quantity')}
                required
                min={1}
                max={10000}
                allowDecimal={false}
                allowNegative={false}
                value={quantity}
                onChange={setQuantity}
                error={err('quantity')}
              />
              <NumberInput
                label={t('cases.services.cost')}
                {...RUPIAH_INPUT}
                value={cost}
                onChange={setCost}
                error={err('costRupiah')}
              />
            </SimpleGrid>
            <Textarea
              label={t('cases.services.notes')}
              autosize
              minRows={2}
              maxLength={4000}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
            />
            <ActionError error={save.error} caseId={c.id} />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('cases.services.add')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
      <Title order={3} size="h5">
        {t('cases.services.list')}
      </Title>
      {list.length === 0 ? (
        <EmptyState text={t('cases.services.empty')} />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.map((s) => (
            <Card key={s.id} withBorder padding="sm" component="li" data-testid="service">
              <Group justify="space-between" gap="xs">
                <Text fw={600} size="sm">
                  {name(s.serviceCode)}
                </Text>
                <Text size="sm">{formatRupiah(s.costRupiah)}</Text>
              </Group>
              <Text size="xs" c="dimmed">
                {formatDate(s.deliveredOn)} · {s.quantity}×
                {s.worker ? ` · ${t('cases.services.by', { who: s.worker })}` : ''}
              </Text>
              {s.notes ? <Text size="sm">{s.notes}</Text> : null}
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** Case notes; a confidential one is seen by the case team only (the database enforces it too). */
export function NotesTab({ c, canWork }: { c: TCase; canWork: boolean }) {
  const { t } = useTranslation();
  const save = useCaseAction(c.id);
  const [body, setBody] = useState('');
  const [isConfidential, setIsConfidential] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!body.trim()) {
      setError(t('cases.form.required'));
      return;
    }
    setError(null);
    save.mutate(
      { path: '/notes', body: { body: body.trim(), isConfidential } },
      {
        onSuccess: () => {
          notify(t('cases.notes.saved'));
          setBody('');
          setIsConfidential(false);
        },
      },
    );
  }

  const list = [...c.notes].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Stack gap="md">
      {canWork && c.stage !== 'closed' ? (
        <Card withBorder padding="md" component="form" onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Textarea
              label={t('cases.notes.body')}
              required
              autosize
              minRows={3}
              maxLength={8000}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              error={error ?? fieldError(save.error, 'body')}
            />
            <Switch
              label={t('cases.notes.confidential')}
              checked={isConfidential}
              onChange={(e) => setIsConfidential(e.currentTarget.checked)}
            />
            <ActionError error={save.error} caseId={c.id} />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('cases.notes.add')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
      {list.length === 0 ? (
        <EmptyState text={t('cases.notes.empty')} />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.map((n) => (
            <Card
              key={n.id}
              withBorder
              padding="sm"
              component="li"
              data-testid="note"
              style={n.isConfidential ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}
            >
              <Group justify="space-between" gap="xs">
                <Text size="xs" c="dimmed">
                  {n.author ?? '—'} · {formatDateTime(n.at)}
                </Text>
                {n.isConfidential ? (
                  <Badge color="red" variant="light" leftSection={<IconLock size={12} aria-hidden />}>
                    {t('cases.notes.confidentialBadge')}
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {n.body}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
