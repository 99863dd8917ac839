import {
  type TCluster,
  ZClusterCode,
  ZPpksParams,
  ZProgrammeCode,
  ZServiceComponentCode,
  ZUpsertClusterRequest,
  ZUpsertPpksRequest,
  ZUpsertProgrammeRequest,
  ZUpsertServiceComponentRequest,
} from '@atensi/contracts';
import {
  Alert,
  Autocomplete,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { notify } from '../../components/notify.ts';
import { ErrorState } from '../../components/states.tsx';
import { type EditableKind, type ReferenceRow, useSaveReference } from './api.ts';

type Draft = {
  code: string;
  nameId: string;
  nameEn: string;
  source: string;
  note: string;
  examples: string;
  ageRule: string;
  kind: string;
  defaultClusterCode: string | null;
  sortOrder: number | string;
  isActive: boolean;
};
type Field = keyof Draft;

const BODY_SCHEMA = {
  clusters: ZUpsertClusterRequest,
  ppks: ZUpsertPpksRequest,
  services: ZUpsertServiceComponentRequest,
  programmes: ZUpsertProgrammeRequest,
} as const;
const CODE_SCHEMA = {
  clusters: ZClusterCode,
  ppks: ZPpksParams.shape.code,
  services: ZServiceComponentCode,
  programmes: ZProgrammeCode,
} as const;

function draftOf(kind: EditableKind, row: ReferenceRow[EditableKind] | null, suggestedNo: number): Draft {
  const r = (row ?? {}) as Partial<
    ReferenceRow['clusters'] & ReferenceRow['ppks'] & ReferenceRow['services'] & ReferenceRow['programmes']
  >;
  return {
    code: kind === 'ppks' ? String(r.no ?? suggestedNo) : (r.code ?? ''),
    nameId: r.nameId ?? '',
    nameEn: r.nameEn ?? '',
    source: r.source ?? '',
    note: r.note ?? '',
    examples: r.examples ?? '',
    ageRule: r.ageRule ?? '',
    kind: r.kind ?? '',
    defaultClusterCode: r.defaultClusterCode ?? null,
    sortOrder: r.sortOrder ?? 0,
    isActive: r.isActive ?? true,
  };
}

/** What the API receives: only the fields this kind has; empty optional text is null. */
function bodyOf(kind: EditableKind, d: Draft, version: number | undefined): Record<string, unknown> {
  const common = { nameId: d.nameId.trim(), nameEn: d.nameEn.trim(), source: d.source.trim(), version };
  const orNull = (s: string) => s.trim() || null;
  const order = typeof d.sortOrder === 'number' ? d.sortOrder : undefined;
  switch (kind) {
    case 'clusters':
      return { ...common, note: orNull(d.note), sortOrder: order, isActive: d.isActive };
    case 'ppks':
      return { ...common, ageRule: orNull(d.ageRule), defaultClusterCode: d.defaultClusterCode };
    case 'services':
      return { ...common, examples: orNull(d.examples), sortOrder: order };
    case 'programmes':
      return { ...common, kind: d.kind.trim() };
  }
}

type Issue = { code: string; path: PropertyKey[]; minimum?: unknown; maximum?: unknown; origin?: string };

type Props = {
  kind: EditableKind;
  /** The record as read, or null to add one. */
  row: ReferenceRow[EditableKind] | null;
  clusters: TCluster[];
  programmeKinds: string[];
  suggestedNo: number;
  onDone: () => void;
  /** Fetch the latest data after a conflict; the form then reopens with it. */
  onReload: () => void;
};

/** Add or edit one reference record; checked here with the API's own schema, then by the API. */
export function ReferenceForm({ kind, row, clusters, programmeKinds, suggestedNo, onDone, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const save = useSaveReference(kind);
  const [draft, setDraft] = useState<Draft>(() => draftOf(kind, row, suggestedNo));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const isNew = row === null;
  const err = save.error instanceof ApiError ? save.error : null;

  const message = (field: Field, issue: Issue): string => {
    const value = draft[field];
    if (value === '' || value === null) return t('reference.v.required');
    switch (issue.code) {
      case 'too_small':
        return issue.origin === 'string'
          ? t('reference.v.min', { min: issue.minimum })
          : t('reference.v.range', { min: issue.minimum, max: field === 'code' ? 999 : 1000 });
      case 'too_big':
        return issue.origin === 'string'
          ? t('reference.v.max', { max: issue.maximum })
          : t('reference.v.range', { min: field === 'code' ? 1 : 0, max: issue.maximum });
      case 'invalid_format':
        return kind === 'programmes' ? t('reference.v.codeUpper') : t('reference.v.codeLower');
      case 'invalid_type':
        return field === 'code' ? t('reference.v.number') : t('reference.v.invalid');
      default:
        return t('reference.v.invalid');
    }
  };

  const validate = (body: Record<string, unknown>): boolean => {
    const found: Partial<Record<Field, string>> = {};
    const code = CODE_SCHEMA[kind].safeParse(draft.code);
    if (!code.success) found.code = message('code', code.error.issues[0] as Issue);
    const parsed = BODY_SCHEMA[kind].safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues as Issue[]) {
        const field = String(issue.path[0] ?? '') as Field;
        if (field in draft && !found[field]) found[field] = message(field, issue);
      }
    }
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = bodyOf(kind, draft, row?.version);
    if (!validate(body)) return;
    const code = kind === 'programmes' ? draft.code.trim().toUpperCase() : draft.code.trim();
    save.mutate(
      { code, body },
      {
        onSuccess: () => {
          notify(t('reference.saved'));
          onDone();
        },
      },
    );
  };

  const set = <K extends Field>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    if (errors[k]) setErrors((x) => ({ ...x, [k]: undefined }));
  };
  const errorOf = (k: Field) =>
    errors[k] ??
    err?.fieldError(k) ??
    (k === 'code' && err?.code === 'REFERENCE_CODE_TAKEN' ? err.message : undefined);
  const text = (k: Field, label: string, opts: { required?: boolean; multiline?: boolean } = {}) => {
    const Input = opts.multiline ? Textarea : TextInput;
    return (
      <Input
        label={label}
        value={String(draft[k] ?? '')}
        onChange={(e) => set(k, e.currentTarget.value)}
        error={errorOf(k)}
        required={opts.required}
        {...(opts.multiline ? { autosize: true, minRows: 2 } : {})}
      />
    );
  };
  const clusterName = (c: TCluster) => (i18n.language === 'en' ? c.nameEn : c.nameId);
  const generalError =
    err && err.code !== 'CONFLICT' && err.code !== 'REFERENCE_CODE_TAKEN' && !err.details.length;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {err?.code === 'CONFLICT' ? (
          <Alert color="yellow" role="alert" title={t('reference.conflictTitle')}>
            <Stack gap="xs" align="flex-start">
              {t('reference.conflict')}
              <Button size="xs" variant="white" color="yellow.9" onClick={onReload}>
                {t('reference.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : generalError ? (
          <ErrorState error={err} />
        ) : null}
        {isNew ? (
          <TextInput
            label={kind === 'ppks' ? t('reference.no') : t('reference.code')}
            description={kind === 'ppks' ? undefined : t(`reference.codeHint.${kind}`)}
            value={draft.code}
            onChange={(e) => set('code', e.currentTarget.value)}
            error={errorOf('code')}
            inputMode={kind === 'ppks' ? 'numeric' : 'text'}
            autoCapitalize="none"
            required
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text('nameId', t('reference.nameId'), { required: true })}
          {text('nameEn', t('reference.nameEn'), { required: true })}
        </SimpleGrid>
        {kind === 'ppks' ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {text('ageRule', t('reference.ageRule'))}
            <Select
              label={t('reference.defaultCluster')}
              placeholder={t('reference.noCluster')}
              clearable
              value={draft.defaultClusterCode}
              onChange={(v) => set('defaultClusterCode', v)}
              data={clusters.map((c) => ({ value: c.code, label: clusterName(c) }))}
              error={errorOf('defaultClusterCode')}
            />
          </SimpleGrid>
        ) : null}
        {kind === 'programmes' ? (
          <Autocomplete
            label={t('reference.kind')}
            value={draft.kind}
            onChange={(v) => set('kind', v)}
            data={programmeKinds}
            error={errorOf('kind')}
            required
          />
        ) : null}
        {kind === 'clusters' ? text('note', t('reference.note'), { multiline: true }) : null}
        {kind === 'services' ? text('examples', t('reference.examples'), { multiline: true }) : null}
        {kind === 'clusters' || kind === 'services' ? (
          <NumberInput
            label={t('reference.sortOrder')}
            value={draft.sortOrder}
            onChange={(v) => set('sortOrder', v)}
            min={0}
            max={1000}
            allowDecimal={false}
            error={errorOf('sortOrder')}
            maw={200}
          />
        ) : null}
        {text('source', t('reference.source'), { required: true, multiline: true })}
        {kind === 'clusters' ? (
          <Switch
            label={t('reference.isActive')}
            description={t('reference.isActiveHint')}
            checked={draft.isActive}
            onChange={(e) => set('isActive', e.currentTarget.checked)}
          />
        ) : null}
        <Group gap="sm" mt="xs">
          <Button type="submit" loading={save.isPending}>
            {t('reference.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('reference.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
