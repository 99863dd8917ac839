import type { TCluster, TProvinceCapital, TReferenceData } from '@atensi/contracts';
import { Alert, Badge, Button, Modal, Stack, Tabs, Text } from '@mantine/core';
import { IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { notify } from '../../components/notify.ts';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { FollowupReferenceLink } from '../followup/FollowupReferencePage.tsx';
import { type EditableKind, type ReferenceRow, useReferenceData } from './api.ts';
import { ReferenceForm } from './ReferenceForm.tsx';
import { type Column, ReferenceList } from './ReferenceList.tsx';

type Tab = EditableKind | 'capitals';
const TABS: Tab[] = ['clusters', 'ppks', 'services', 'programmes', 'capitals'];
/** Which record the modal shows: a key to edit, or null to add. */
type Editing = { kind: EditableKind; key: string | null };

const keyOf = (kind: EditableKind, row: ReferenceRow[EditableKind]): string =>
  kind === 'ppks' ? String((row as ReferenceRow['ppks']).no) : (row as { code: string }).code;

const coordinate = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 4, minimumFractionDigits: 4 });

function Secondary({ children }: { children: string | null }) {
  return children ? (
    <Text size="xs" c="dimmed">
      {children}
    </Text>
  ) : null;
}

/** The name in the user's language, the other one below it. */
function useNames() {
  const { i18n } = useTranslation();
  const isEn = i18n.language === 'en';
  return {
    name: (r: { nameId: string; nameEn: string }) => (isEn ? r.nameEn : r.nameId),
    render: (r: { nameId: string; nameEn: string }) => (
      <>
        <Text size="sm">{isEn ? r.nameEn : r.nameId}</Text>
        <Secondary>{isEn ? r.nameId : r.nameEn}</Secondary>
      </>
    ),
  };
}

function SourceText({ children }: { children: string }) {
  return (
    <Text size="xs" style={{ overflowWrap: 'anywhere' }} maw={320}>
      {children}
    </Text>
  );
}

export default function ReferencePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const reference = useReferenceData();
  const [tab, setTab] = useState<Tab>('clusters');
  const [editing, setEditing] = useState<Editing | null>(null);
  const isAdmin = me?.role === 'admin';
  const names = useNames();

  if (reference.isPending) {
    return (
      <Stack gap="md">
        <PageTitle>{t('reference.title')}</PageTitle>
        <LoadingState rows={8} />
      </Stack>
    );
  }
  if (reference.isError) {
    return (
      <Stack gap="md">
        <PageTitle>{t('reference.title')}</PageTitle>
        <ErrorState error={reference.error} onRetry={() => void reference.refetch()} />
      </Stack>
    );
  }
  const data: TReferenceData = reference.data;
  const clusterByCode = new Map(data.clusters.map((c) => [c.code, c]));
  const source: Column<{ source: string }> = {
    label: t('reference.source'),
    render: (r) => <SourceText>{r.source}</SourceText>,
  };
  const codeCol: Column<{ code: string }> = {
    label: t('reference.code'),
    render: (r) => (
      <Text size="sm" ff="monospace">
        {r.code}
      </Text>
    ),
    nowrap: true,
  };
  const nameCol: Column<{ nameId: string; nameEn: string }> = {
    label: t('reference.name'),
    render: names.render,
  };
  const editable = <K extends EditableKind>(kind: K) =>
    isAdmin ? (row: ReferenceRow[K]) => setEditing({ kind, key: keyOf(kind, row) }) : undefined;
  const addButton = (kind: EditableKind) =>
    isAdmin ? (
      <Button
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => setEditing({ kind, key: null })}
      >
        {t(`reference.add.${kind}`)}
      </Button>
    ) : null;

  const clusterColumns: Column<TCluster>[] = [
    codeCol,
    nameCol,
    { label: t('reference.note'), render: (r) => <Secondary>{r.note ?? '—'}</Secondary> },
    {
      label: t('reference.status'),
      render: (r) =>
        r.isActive ? (
          <Badge variant="outline" color="teal.9">
            {t('reference.active')}
          </Badge>
        ) : (
          <Badge variant="light" color="gray">
            {t('reference.inactive')}
          </Badge>
        ),
    },
    source,
  ];
  const capitalColumns: Column<TProvinceCapital>[] = [
    {
      label: t('reference.code'),
      render: (r) => (
        <Text size="sm" ff="monospace">
          {r.provinceCode}
        </Text>
      ),
      nowrap: true,
    },
    { label: t('reference.province'), render: (r) => r.provinceName },
    { label: t('reference.capital'), render: (r) => r.capital ?? '—' },
    {
      label: t('reference.coordinates'),
      render: (r) =>
        r.lat === null || r.lon === null ? '—' : `${coordinate.format(r.lat)}; ${coordinate.format(r.lon)}`,
      nowrap: true,
    },
    source,
  ];

  const editingRow = (() => {
    if (!editing || editing.key === null) return null;
    const list = data[editing.kind] as ReferenceRow[EditableKind][];
    return list.find((r) => keyOf(editing.kind, r) === editing.key) ?? null;
  })();

  return (
    <Stack gap="md">
      <PageTitle>{t('reference.title')}</PageTitle>
      <Text size="sm" c="dimmed" maw={720}>
        {t('reference.intro')}
      </Text>
      {/* Minimum wages and the roadmap ladder (issue 6): a page of features/followup. */}
      <FollowupReferenceLink />
      {!isAdmin ? (
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />}>
          {t('reference.readOnly')}
        </Alert>
      ) : null}
      <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'clusters')} keepMounted={false}>
        <Tabs.List>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`reference.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="clusters" pt="md">
          <ReferenceList
            title={t('reference.tabs.clusters')}
            rows={data.clusters}
            rowKey={(r) => r.code}
            rowTitle={names.name}
            searchText={(r) => `${r.code} ${r.nameId} ${r.nameEn} ${r.note ?? ''} ${r.source}`}
            columns={clusterColumns}
            onEdit={editable('clusters')}
            actions={addButton('clusters')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="ppks" pt="md">
          <ReferenceList
            title={t('reference.tabs.ppks')}
            rows={data.ppks}
            rowKey={(r) => String(r.no)}
            rowTitle={names.name}
            searchText={(r) => `${r.no} ${r.nameId} ${r.nameEn} ${r.ageRule ?? ''} ${r.source}`}
            columns={[
              { label: t('reference.no'), render: (r) => r.no, nowrap: true },
              nameCol,
              { label: t('reference.ageRule'), render: (r) => r.ageRule ?? '—' },
              {
                label: t('reference.defaultCluster'),
                render: (r) => {
                  const c = r.defaultClusterCode ? clusterByCode.get(r.defaultClusterCode) : undefined;
                  return c ? names.name(c) : (r.defaultClusterCode ?? '—');
                },
              },
              source,
            ]}
            onEdit={editable('ppks')}
            actions={addButton('ppks')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="services" pt="md">
          <ReferenceList
            title={t('reference.tabs.services')}
            rows={data.services}
            rowKey={(r) => r.code}
            rowTitle={names.name}
            searchText={(r) => `${r.code} ${r.nameId} ${r.nameEn} ${r.examples ?? ''} ${r.source}`}
            columns={[
              codeCol,
              nameCol,
              { label: t('reference.examples'), render: (r) => <Secondary>{r.examples ?? '—'}</Secondary> },
              source,
            ]}
            onEdit={editable('services')}
            actions={addButton('services')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="programmes" pt="md">
          <ReferenceList
            title={t('reference.tabs.programmes')}
            rows={data.programmes}
            rowKey={(r) => r.code}
            rowTitle={names.name}
            searchText={(r) => `${r.code} ${r.nameId} ${r.nameEn} ${r.kind} ${r.source}`}
            columns={[codeCol, nameCol, { label: t('reference.kind'), render: (r) => r.kind }, source]}
            onEdit={editable('programmes')}
            actions={addButton('programmes')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="capitals" pt="md">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('reference.capitalsNote')}
            </Text>
            <ReferenceList
              title={t('reference.tabs.capitals')}
              rows={data.provinceCapitals}
              rowKey={(r) => r.provinceCode}
              rowTitle={(r) => r.provinceName}
              searchText={(r) => `${r.provinceCode} ${r.provinceName} ${r.capital ?? ''}`}
              columns={capitalColumns}
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        closeButtonProps={{ 'aria-label': t('reference.cancel') }}
        title={
          editing
            ? editingRow
              ? t('reference.editTitle', {
                  name: names.name(editingRow as { nameId: string; nameEn: string }),
                })
              : t(`reference.add.${editing.kind}`)
            : ''
        }
      >
        {editing ? (
          <ReferenceForm
            // A new version of the record (after a reload) starts the form afresh.
            key={`${editing.kind}:${editing.key}:${editingRow?.version ?? 'new'}`}
            kind={editing.kind}
            row={editingRow}
            clusters={data.clusters.filter(
              (c) => c.isActive || c.code === (editingRow as ReferenceRow['ppks'] | null)?.defaultClusterCode,
            )}
            programmeKinds={[...new Set(data.programmes.map((p) => p.kind))].sort()}
            suggestedNo={Math.max(0, ...data.ppks.map((p) => p.no)) + 1}
            onDone={() => setEditing(null)}
            onReload={() => {
              void reference.refetch().then(() => notify(t('reference.reloaded'), 'blue'));
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}
