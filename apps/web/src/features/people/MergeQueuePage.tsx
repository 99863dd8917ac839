import type { TDuplicatePair, TMergePersonSide, TPersonMerge } from '@atensi/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  List,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowBackUp, IconArrowMerge, IconInfoCircle, IconUsersMinus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { notify } from '../../components/notify.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import {
  MERGE_ROLES,
  useDuplicateQueue,
  useMarkDistinct,
  useMergePeople,
  useRecentMerges,
  useUndoMerge,
} from './merge-api.ts';

type Field = { key: string; value: (p: TMergePersonSide) => string | null };

/** The fields a reviewer compares, in the order they read them; differing ones are highlighted. */
function useFields(): Field[] {
  const { t } = useTranslation();
  return [
    { key: 'fullName', value: (p) => p.fullName },
    { key: 'aliases', value: (p) => (p.aliases.length ? p.aliases.join(', ') : null) },
    { key: 'nik', value: (p) => p.nik },
    { key: 'kkNo', value: (p) => p.kkNo },
    { key: 'sex', value: (p) => t(`people.sex.${p.sex}`) },
    {
      key: 'birthDate',
      value: (p) =>
        p.birthDate
          ? `${formatDate(p.birthDate)}${p.birthDateEstimated ? ` (${t('peopleMerge.estimated')})` : ''}`
          : null,
    },
    { key: 'birthPlace', value: (p) => p.birthPlace },
    { key: 'motherName', value: (p) => p.motherName },
    { key: 'area', value: (p) => p.areaName },
    { key: 'unit', value: (p) => `${p.registeredUnit.code} · ${p.registeredUnit.name}` },
    { key: 'createdAt', value: (p) => formatDate(p.createdAt) },
  ];
}

/** Compared loosely: case and spacing do not make two values different. */
function differs(a: string | null, b: string | null): boolean {
  const norm = (x: string | null) => (x ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(a) !== norm(b);
}

export default function MergeQueuePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const mayMerge = me ? MERGE_ROLES.includes(me.role) : false;
  const queue = useDuplicateQueue(mayMerge);
  const pairs = queue.data?.pages.flatMap((p) => p.items) ?? [];

  if (!mayMerge) {
    return (
      <Stack gap="md">
        <PageTitle>{t('peopleMerge.title')}</PageTitle>
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />}>
          {t('peopleMerge.onlyHeads')}
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/pm" size="sm">
          ← {t('peopleMerge.back')}
        </Anchor>
        <PageTitle>{t('peopleMerge.title')}</PageTitle>
        <Text c="dimmed" size="sm" mt={-8}>
          {t('peopleMerge.intro')}
        </Text>
      </div>
      <Stack gap="sm" component="section" aria-labelledby="merge-queue-heading">
        <Title order={2} size="h4" id="merge-queue-heading">
          {t('peopleMerge.queue')}
        </Title>
        {queue.isPending ? (
          <LoadingState rows={4} />
        ) : queue.isError && !queue.data ? (
          <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
        ) : pairs.length === 0 && !queue.hasNextPage ? (
          <EmptyState text={t('peopleMerge.empty')} />
        ) : (
          <>
            {pairs.length === 0 ? <EmptyState text={t('peopleMerge.emptyPage')} /> : null}
            {pairs.map((p) => (
              <PairCard key={`${p.a.id}-${p.b.id}`} pair={p} />
            ))}
            {queue.isError ? (
              <ErrorState error={queue.error} onRetry={() => void queue.fetchNextPage()} />
            ) : null}
            {queue.hasNextPage ? (
              <Button
                variant="default"
                style={{ alignSelf: 'center' }}
                loading={queue.isFetchingNextPage}
                onClick={() => void queue.fetchNextPage()}
              >
                {t('peopleMerge.checkMore')}
              </Button>
            ) : null}
          </>
        )}
      </Stack>
      <MergeHistory />
    </Stack>
  );
}

function SideCard({
  side,
  other,
  label,
}: {
  side: TMergePersonSide;
  other: TMergePersonSide;
  label: string;
}) {
  const { t } = useTranslation();
  const fields = useFields();
  return (
    <Card withBorder padding="sm" data-testid="merge-side">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Anchor component={Link} to={`/pm/${side.id}`} fw={700}>
        {side.fullName}
      </Anchor>
      <Box component="dl" m={0} mt="xs">
        {fields.slice(1).map((f) => {
          const value = f.value(side);
          const isDifferent = differs(value, f.value(other));
          return (
            <Box
              key={f.key}
              px={6}
              py={2}
              style={{
                borderRadius: 4,
                background: isDifferent ? 'var(--mantine-color-yellow-1)' : undefined,
              }}
              data-different={isDifferent || undefined}
            >
              <Text component="dt" size="xs" c="dimmed">
                {t(`peopleMerge.field.${f.key}`)}
                {isDifferent ? (
                  <Text component="span" size="xs" fw={600} c="red.9">
                    {' '}
                    · {t('peopleMerge.different')}
                  </Text>
                ) : null}
              </Text>
              <Text
                component="dd"
                size="sm"
                m={0}
                ff={f.key === 'nik' || f.key === 'kkNo' ? 'monospace' : undefined}
              >
                {value ?? '—'}
              </Text>
            </Box>
          );
        })}
      </Box>
    </Card>
  );
}

/** Newer record first (as `a`), so labels and the default survivor (the older one) read the same way. */
function newerFirst(pair: TDuplicatePair): TDuplicatePair {
  const isANewer =
    pair.a.createdAt > pair.b.createdAt || (pair.a.createdAt === pair.b.createdAt && pair.a.id > pair.b.id);
  return isANewer ? pair : { ...pair, a: pair.b, b: pair.a };
}

function PairCard({ pair: given }: { pair: TDuplicatePair }) {
  const { t } = useTranslation();
  const pair = newerFirst(given);
  const [open, setOpen] = useState<'merge' | 'distinct' | null>(null);
  const isPhone = useMediaQuery('(max-width: 48em)');
  const close = () => setOpen(null);
  const title = t('peopleMerge.pairTitle', { a: pair.a.fullName, b: pair.b.fullName });
  return (
    <Card withBorder padding="md" component="article" aria-label={title} data-testid="duplicate-pair">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Text fw={700} c={pair.score >= 0.8 ? 'red.9' : undefined}>
            {t('peopleMerge.score', { pct: Math.round(pair.score * 100) })}
          </Text>
          <Group gap={4}>
            {pair.reasons.map((r) => (
              <Badge key={r.field} variant="outline" size="sm" style={{ textTransform: 'none' }}>
                {r.detail}
              </Badge>
            ))}
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <SideCard side={pair.a} other={pair.b} label={t('peopleMerge.newer')} />
          <SideCard side={pair.b} other={pair.a} label={t('peopleMerge.older')} />
        </SimpleGrid>
        {pair.nikConflict ? (
          <Alert color="orange" icon={<IconInfoCircle aria-hidden />}>
            {t('peopleMerge.nikConflict')}
          </Alert>
        ) : null}
        <Group gap="sm">
          <Button
            leftSection={<IconArrowMerge size={16} aria-hidden />}
            onClick={() => setOpen('merge')}
            disabled={pair.nikConflict}
          >
            {t('peopleMerge.merge')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconUsersMinus size={16} aria-hidden />}
            onClick={() => setOpen('distinct')}
          >
            {t('peopleMerge.notSame')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={open !== null}
        onClose={close}
        title={open === 'merge' ? t('peopleMerge.mergeTitle') : t('peopleMerge.distinctTitle')}
        fullScreen={isPhone}
        size="lg"
        closeButtonProps={{ 'aria-label': t('peopleMerge.cancel') }}
      >
        {open === 'merge' ? <MergeForm pair={pair} onDone={close} /> : null}
        {open === 'distinct' ? <DistinctForm pair={pair} onDone={close} /> : null}
      </Modal>
    </Card>
  );
}

function errorText(err: unknown, t: (k: string) => string): string | null {
  if (!err) return null;
  if (err instanceof ApiError && err.code === 'CONFLICT') return t('peopleMerge.conflict');
  return err instanceof Error ? err.message : t('error.unknown');
}

function MergeForm({ pair, onDone }: { pair: TDuplicatePair; onDone: () => void }) {
  const { t } = useTranslation();
  const [survivor, setSurvivor] = useState<'a' | 'b'>(pair.b.nik || !pair.a.nik ? 'b' : 'a');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const merge = useMergePeople();
  const keep = survivor === 'a' ? pair.a : pair.b;
  const gone = survivor === 'a' ? pair.b : pair.a;
  const reasonError = reason.trim().length < 3 ? t('peopleMerge.reasonRequired') : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (reasonError) return;
    merge.mutate(
      {
        survivorId: keep.id,
        mergedId: gone.id,
        reason: reason.trim(),
        survivorVersion: keep.version,
        mergedVersion: gone.version,
      },
      {
        onSuccess: () => {
          notify(t('peopleMerge.merged', { name: keep.fullName }));
          onDone();
        },
      },
    );
  };
  const failure = errorText(merge.error, t);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Radio.Group
          label={t('peopleMerge.whichStays')}
          value={survivor}
          onChange={(v) => setSurvivor(v === 'a' ? 'a' : 'b')}
        >
          <Stack gap="xs" mt="xs">
            {(['b', 'a'] as const).map((k) => {
              const p = pair[k];
              return (
                <Radio
                  key={k}
                  value={k}
                  label={`${p.fullName} · ${p.registeredUnit.code}${p.nik ? ` · NIK ${p.nik}` : ''}`}
                  description={k === 'a' ? t('peopleMerge.newer') : t('peopleMerge.older')}
                />
              );
            })}
          </Stack>
        </Radio.Group>
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />} title={t('peopleMerge.whatHappens')}>
          <List size="sm" spacing={4}>
            <List.Item>{t('peopleMerge.happensMove', { from: gone.fullName, to: keep.fullName })}</List.Item>
            <List.Item>{t('peopleMerge.happensAlias', { from: gone.fullName })}</List.Item>
            {!keep.nik && gone.nik ? (
              <List.Item>{t('peopleMerge.happensNik', { nik: gone.nik })}</List.Item>
            ) : null}
            <List.Item>{t('peopleMerge.happensKept', { from: gone.fullName })}</List.Item>
            <List.Item>{t('peopleMerge.happensUndo')}</List.Item>
          </List>
        </Alert>
        <Textarea
          label={t('peopleMerge.reason')}
          description={t('peopleMerge.reasonHint')}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          onBlur={() => setTouched(true)}
          error={
            touched
              ? (reasonError ??
                (merge.error instanceof ApiError ? merge.error.fieldError('reason') : undefined))
              : undefined
          }
        />
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group gap="sm">
          <Button type="submit" color="red" loading={merge.isPending}>
            {t('peopleMerge.mergeConfirm', { name: keep.fullName })}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('peopleMerge.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DistinctForm({ pair, onDone }: { pair: TDuplicatePair; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const distinct = useMarkDistinct();
  const reasonError = reason.trim().length < 3 ? t('peopleMerge.reasonRequired') : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (reasonError) return;
    distinct.mutate(
      { personA: pair.a.id, personB: pair.b.id, reason: reason.trim() },
      {
        onSuccess: () => {
          notify(t('peopleMerge.distinctDone'));
          onDone();
        },
      },
    );
  };
  const failure = errorText(distinct.error, t);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('peopleMerge.distinctExplain', { a: pair.a.fullName, b: pair.b.fullName })}</Text>
        <Textarea
          label={t('peopleMerge.distinctReason')}
          description={t('peopleMerge.distinctHint')}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          onBlur={() => setTouched(true)}
          error={touched ? reasonError : undefined}
        />
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group gap="sm">
          <Button type="submit" loading={distinct.isPending}>
            {t('peopleMerge.distinctConfirm')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('peopleMerge.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MergeHistory() {
  const { t } = useTranslation();
  const merges = useRecentMerges(true);
  const [undoing, setUndoing] = useState<TPersonMerge | null>(null);
  const isPhone = useMediaQuery('(max-width: 48em)');
  const items = merges.data?.items ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="merge-history-heading">
      <Title order={2} size="h4" id="merge-history-heading">
        {t('peopleMerge.history')}
      </Title>
      {merges.isPending ? (
        <LoadingState rows={3} />
      ) : merges.isError ? (
        <ErrorState error={merges.error} onRetry={() => void merges.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState text={t('peopleMerge.historyEmpty')} />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((m) => (
            <Card key={m.id} withBorder padding="sm" component="li" data-testid="merge-history-item">
              <Group justify="space-between" align="flex-start" gap="xs">
                <Stack gap={2} style={{ flex: 1, minWidth: 220 }}>
                  <Text size="sm">
                    <Anchor component={Link} to={`/pm/${m.merged.id}`}>
                      {m.merged.fullName}
                    </Anchor>
                    {' → '}
                    <Anchor component={Link} to={`/pm/${m.survivor.id}`} fw={600}>
                      {m.survivor.fullName}
                    </Anchor>
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('peopleMerge.mergedBy', {
                      who: m.mergedBy ?? '—',
                      when: formatDateTime(m.mergedAt),
                    })}
                  </Text>
                  <Text size="sm">“{m.reason}”</Text>
                  {m.undoneAt ? (
                    <Badge color="gray" variant="light" style={{ textTransform: 'none' }}>
                      {t('peopleMerge.undoneBy', {
                        who: m.undoneBy ?? '—',
                        when: formatDateTime(m.undoneAt),
                      })}
                    </Badge>
                  ) : null}
                </Stack>
                {m.undoneAt ? null : (
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconArrowBackUp size={14} aria-hidden />}
                    onClick={() => setUndoing(m)}
                  >
                    {t('peopleMerge.undo')}
                  </Button>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <Modal
        opened={undoing !== null}
        onClose={() => setUndoing(null)}
        title={t('peopleMerge.undoTitle')}
        fullScreen={isPhone}
        closeButtonProps={{ 'aria-label': t('peopleMerge.cancel') }}
      >
        {undoing ? <UndoForm merge={undoing} onDone={() => setUndoing(null)} /> : null}
      </Modal>
    </Stack>
  );
}

function UndoForm({ merge, onDone }: { merge: TPersonMerge; onDone: () => void }) {
  const { t } = useTranslation();
  const undo = useUndoMerge();
  const failure = errorText(undo.error, t);
  return (
    <Stack gap="md">
      <Text size="sm">
        {t('peopleMerge.undoExplain', { merged: merge.merged.fullName, survivor: merge.survivor.fullName })}
      </Text>
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
      <Group gap="sm">
        <Button
          color="red"
          loading={undo.isPending}
          onClick={() =>
            undo.mutate(merge.id, {
              onSuccess: () => {
                notify(t('peopleMerge.undone'));
                onDone();
              },
            })
          }
        >
          {t('peopleMerge.undoConfirm')}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t('peopleMerge.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
