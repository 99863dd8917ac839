import {
  IMPORT_FIELDS,
  IMPORT_REQUIRED_FIELDS,
  type TImportJob,
  type TImportJobSummary,
  type TImportMapping,
} from '@atensi/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Menu,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowLeft, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { type DragEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { type PeopleFilters, useUnitOptions } from './api.ts';
import {
  errorsFileUrl,
  exportUrl,
  IMPORT_MAX_BYTES,
  useImportJob,
  useImportJobs,
  usePreview,
  useRunImport,
  useSaveMapping,
  useUploadImport,
} from './import-api.ts';

const STATUS_COLOR: Record<TImportJob['status'], string> = {
  uploaded: 'gray',
  previewed: 'blue',
  queued: 'blue',
  running: 'blue',
  completed: 'green',
  failed: 'red',
  cancelled: 'gray',
};

/** Import wizard: upload → map columns → preview → run with progress → result; the job id is in the address. */
export default function ImportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const job = useImportJob(jobId);
  const [editMapping, setEditMapping] = useState(false);
  const open = (id: string | null) => {
    setEditMapping(false);
    setParams(id ? { job: id } : {}, { replace: false });
  };

  const j = job.data;
  const step = !j
    ? 0
    : editMapping || (!j.mapping && ['uploaded', 'previewed'].includes(j.status))
      ? 1
      : ['uploaded', 'previewed'].includes(j.status)
        ? 2
        : 3;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/pm" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('people.back')}
        </Group>
      </Anchor>
      <div>
        <PageTitle>{t('peopleImport.title')}</PageTitle>
        <Text size="sm" c="dimmed" mt={-8}>
          {t('peopleImport.intro')}
        </Text>
      </div>
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('peopleImport.step.upload')} />
        <Stepper.Step label={t('peopleImport.step.mapping')} />
        <Stepper.Step label={t('peopleImport.step.preview')} />
        <Stepper.Step label={t('peopleImport.step.run')} />
      </Stepper>
      {jobId && job.isPending ? <LoadingState /> : null}
      {jobId && job.isError ? <ErrorState error={job.error} onRetry={() => void job.refetch()} /> : null}
      {step === 0 && !(jobId && job.isPending) ? <UploadStep onUploaded={(id) => open(id)} /> : null}
      {j && step === 1 ? <MappingStep job={j} onSaved={() => setEditMapping(false)} /> : null}
      {j && step === 2 ? <PreviewStep job={j} onEditMapping={() => setEditMapping(true)} /> : null}
      {j && step === 3 ? <RunStep job={j} onAnother={() => open(null)} /> : null}
      <History onOpen={(id) => open(id)} />
    </Stack>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (id: string) => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const isHq = me ? !me.unit : false;
  const units = useUnitOptions(isHq);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [percent, setPercent] = useState(0);
  const [localError, setLocalError] = useState<string | null>(null);
  const upload = useUploadImport();
  const inputId = useId();

  const send = (file: File | undefined) => {
    setLocalError(null);
    if (!file) return;
    if (file.size > IMPORT_MAX_BYTES) {
      setLocalError(t('peopleImport.tooLarge'));
      return;
    }
    if (isHq && !unitId) {
      setLocalError(t('peopleImport.pickUnitFirst'));
      return;
    }
    setPercent(0);
    upload.mutate({ file, unitId, onProgress: setPercent }, { onSuccess: (job) => onUploaded(job.id) });
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    send(e.dataTransfer.files[0]);
  };

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        {isHq ? (
          <Select
            label={t('peopleImport.unit')}
            description={t('peopleImport.unitHint')}
            required
            searchable
            value={unitId}
            onChange={setUnitId}
            data={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))}
          />
        ) : null}
        <Paper
          component="label"
          htmlFor={inputId}
          withBorder
          p="xl"
          data-testid="import-dropzone"
          onDragOver={(e: DragEvent<HTMLElement>) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          style={{
            borderStyle: 'dashed',
            cursor: 'pointer',
            textAlign: 'center',
            background: dragging ? 'var(--mantine-color-blue-0)' : undefined,
          }}
        >
          <Stack align="center" gap={6}>
            <IconFileSpreadsheet size={36} aria-hidden />
            <Text fw={600}>{t('peopleImport.drop')}</Text>
            <Text size="sm" c="dimmed">
              {t('peopleImport.dropHint')}
            </Text>
          </Stack>
        </Paper>
        <input
          id={inputId}
          type="file"
          aria-label={t('peopleImport.chooseFile')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
          onChange={(e) => {
            send(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
        {upload.isPending ? (
          <Progress value={percent} aria-label={t('peopleImport.uploading')} animated />
        ) : null}
        {localError ? (
          <Alert color="red" role="alert">
            {localError}
          </Alert>
        ) : null}
        {upload.isError ? <ErrorState error={upload.error} /> : null}
      </Stack>
    </Card>
  );
}

function MappingStep({ job, onSaved }: { job: TImportJob; onSaved: () => void }) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<TImportMapping>(job.mapping ?? job.suggestedMapping);
  const [saveAs, setSaveAs] = useState('');
  const save = useSaveMapping(job.id);
  const applicable = job.savedMappings.filter((m) => m.matchesHeaders);
  const used = new Set(Object.values(mapping));
  const missing = IMPORT_REQUIRED_FIELDS.filter((f) => !used.has(f));
  const fieldOptions = [
    { value: '', label: t('peopleImport.ignore') },
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`peopleImport.field.${f}`) })),
  ];
  const err = save.error instanceof ApiError ? save.error : null;

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Text size="sm">
          {t('peopleImport.mappingIntro', {
            file: job.fileName,
            rows: formatNumber(job.totalRows),
          })}
        </Text>
        {job.suggestedFrom ? (
          <Alert color="blue">{t('peopleImport.suggestedFrom', { name: job.suggestedFrom })}</Alert>
        ) : null}
        {applicable.length ? (
          <Select
            label={t('peopleImport.savedMappings')}
            placeholder={t('peopleImport.pickSaved')}
            data={applicable.map((m) => ({ value: m.id, label: m.name }))}
            onChange={(id) => {
              const m = applicable.find((x) => x.id === id);
              if (m) setMapping(m.mapping);
            }}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {job.headers.map((h) => (
            <Select
              key={h}
              label={h}
              data={fieldOptions}
              value={mapping[h] ?? ''}
              error={err?.fieldError(`mapping.${h}`)}
              onChange={(v) => {
                const next = { ...mapping };
                if (v) next[h] = v as TImportMapping[string];
                else delete next[h];
                setMapping(next);
              }}
            />
          ))}
        </SimpleGrid>
        {missing.length ? (
          <Text size="sm" c="red.9" role="status">
            {t('peopleImport.missing', {
              fields: missing.map((f) => t(`peopleImport.field.${f}`)).join(', '),
            })}
          </Text>
        ) : null}
        <TextInput
          label={t('peopleImport.saveAs')}
          description={t('peopleImport.saveAsHint')}
          value={saveAs}
          maxLength={100}
          onChange={(e) => setSaveAs(e.currentTarget.value)}
        />
        {save.isError ? <ErrorState error={save.error} /> : null}
        <Group justify="flex-end">
          <Button
            disabled={missing.length > 0}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { mapping, ...(saveAs.trim() ? { saveAs: saveAs.trim() } : {}) },
                { onSuccess: onSaved },
              )
            }
          >
            {t('peopleImport.saveMapping')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function PreviewStep({ job, onEditMapping }: { job: TImportJob; onEditMapping: () => void }) {
  const { t } = useTranslation();
  const preview = usePreview(job.id, true);
  const run = useRunImport(job.id);
  if (preview.isPending) return <LoadingState rows={6} />;
  if (preview.isError) return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;
  const p = preview.data;
  const outcomeColor = { valid: 'green', invalid: 'red', duplicate: 'orange' } as const;
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group gap="xs">
          <Badge color="green" variant="dot">
            {t('peopleImport.countValid', { n: formatNumber(p.counts.valid) })}
          </Badge>
          <Badge color="red" variant="dot">
            {t('peopleImport.countInvalid', { n: formatNumber(p.counts.invalid) })}
          </Badge>
          <Badge color="orange" variant="dot">
            {t('peopleImport.countDuplicate', { n: formatNumber(p.counts.duplicate) })}
          </Badge>
        </Group>
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t('peopleImport.sample')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('peopleImport.line')}</Table.Th>
                <Table.Th>{t('peopleImport.field.fullName')}</Table.Th>
                <Table.Th>{t('peopleImport.field.nik')}</Table.Th>
                <Table.Th>{t('peopleImport.field.sex')}</Table.Th>
                <Table.Th>{t('peopleImport.field.birthDate')}</Table.Th>
                <Table.Th>{t('peopleImport.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.sample.map((r) => (
                <Table.Tr key={r.rowNo}>
                  <Table.Td>{r.rowNo}</Table.Td>
                  <Table.Td>{r.values.fullName ?? ''}</Table.Td>
                  <Table.Td>{r.values.nik ?? ''}</Table.Td>
                  <Table.Td>{r.values.sex ?? ''}</Table.Td>
                  <Table.Td>{r.values.birthDate ?? ''}</Table.Td>
                  <Table.Td>
                    <Badge color={outcomeColor[r.outcome]} variant="dot">
                      {t(`peopleImport.outcomes.${r.outcome}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {p.problems.length ? (
          <Stack gap={4}>
            <Text fw={600}>{t('peopleImport.problems')}</Text>
            <List size="sm" spacing={4} data-testid="import-problems">
              {p.problems.map((x) => (
                <List.Item key={x.rowNo}>
                  {t('peopleImport.lineN', { n: x.rowNo })} ({t(`peopleImport.outcomes.${x.outcome}`)}):{' '}
                  {x.messages.map((m) => m.message).join('; ')}
                </List.Item>
              ))}
            </List>
            {p.problemsTruncated ? (
              <Text size="sm" c="dimmed">
                {t('peopleImport.truncated')}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        {run.isError ? <ErrorState error={run.error} /> : null}
        <Group justify="space-between">
          <Button variant="default" onClick={onEditMapping}>
            {t('peopleImport.editMapping')}
          </Button>
          <Button loading={run.isPending} disabled={p.counts.valid === 0} onClick={() => run.mutate()}>
            {t('peopleImport.run', { n: formatNumber(p.counts.valid) })}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function RunStep({ job, onAnother }: { job: TImportJob; onAnother: () => void }) {
  const { t } = useTranslation();
  const run = useRunImport(job.id);
  const isRunning = job.status === 'running' || job.status === 'queued';
  const notCreated = job.duplicateCount + job.invalidCount;
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{job.fileName}</Text>
          <Badge color={STATUS_COLOR[job.status]} variant="dot">
            {t(`peopleImport.status.${job.status}`)}
          </Badge>
        </Group>
        <Progress
          value={job.percent}
          size="lg"
          animated={isRunning}
          aria-label={t('peopleImport.progress')}
          aria-valuetext={`${job.percent}%`}
        />
        <Text size="sm" role="status" data-testid="import-progress">
          {t('peopleImport.progressText', {
            done: formatNumber(job.processedRows),
            total: formatNumber(job.totalRows),
            percent: job.percent,
          })}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <Stat label={t('peopleImport.created')} value={job.createdCount} color="green" />
          <Stat label={t('peopleImport.duplicates')} value={job.duplicateCount} color="orange" />
          <Stat label={t('peopleImport.invalid')} value={job.invalidCount} color="red" />
        </SimpleGrid>
        {job.status === 'failed' ? (
          <Alert color="red" role="alert" title={t('peopleImport.failed')}>
            <Stack gap="xs">
              <Text size="sm">{t('peopleImport.failedHint')}</Text>
              <Group>
                <Button size="xs" loading={run.isPending} onClick={() => run.mutate()}>
                  {t('peopleImport.resume')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}
        <Group justify="space-between">
          {notCreated > 0 && !isRunning ? (
            <Button
              component="a"
              href={errorsFileUrl(job.id)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('peopleImport.downloadErrors', { n: formatNumber(notCreated) })}
            </Button>
          ) : (
            <span />
          )}
          {job.status === 'completed' ? (
            <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={onAnother}>
              {t('peopleImport.another')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

function Stat({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={`${color}.9`}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}

function History({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const jobs = useImportJobs();
  const running = jobs.data?.items.some((j) => j.status === 'running');
  const { refetch } = jobs;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refetch(), 3000);
    return () => clearInterval(timer);
  }, [running, refetch]);
  return (
    <Stack gap="xs" mt="md">
      <Text fw={700} component="h2" size="lg">
        {t('peopleImport.history')}
      </Text>
      {jobs.isPending ? <LoadingState rows={3} /> : null}
      {jobs.isError ? <ErrorState error={jobs.error} onRetry={() => void refetch()} /> : null}
      {jobs.data && jobs.data.items.length === 0 ? <EmptyState text={t('peopleImport.noHistory')} /> : null}
      {jobs.data?.items.map((j: TImportJobSummary) => (
        <Paper key={j.id} withBorder p="sm" data-testid="import-history-row">
          <Group justify="space-between" gap="xs">
            <Stack gap={2}>
              <Anchor component="button" type="button" onClick={() => onOpen(j.id)} fw={600} ta="left">
                {j.fileName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatDateTime(j.createdAt)} · {j.createdBy ?? ''} · {j.unit.code}
              </Text>
            </Stack>
            <Group gap="xs">
              <Badge color={STATUS_COLOR[j.status]} variant="dot">
                {t(`peopleImport.status.${j.status}`)}
              </Badge>
              <Text size="sm">
                {t('peopleImport.historyCounts', {
                  created: formatNumber(j.createdCount),
                  notCreated: formatNumber(j.duplicateCount + j.invalidCount),
                  total: formatNumber(j.totalRows),
                })}
              </Text>
            </Group>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** Export the search on screen (the people search page shows this beside its filters). */
export function ExportMenu({ filters }: { filters: PeopleFilters }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
          {t('peopleImport.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={exportUrl('csv', filters)} download>
          {t('peopleImport.exportCsv')}
        </Menu.Item>
        <Menu.Item component="a" href={exportUrl('xlsx', filters)} download>
          {t('peopleImport.exportXlsx')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
