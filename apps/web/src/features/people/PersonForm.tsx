import type { TDuplicateCheckResponse, TPerson } from '@atensi/contracts';
import { Alert, Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { notify } from '../../components/notify.ts';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import ForbiddenPage from '../errors/ForbiddenPage.tsx';
import {
  PEOPLE_WRITER_ROLES,
  useCreatePerson,
  useDuplicateCheck,
  usePerson,
  useProvinceCodes,
  useReferenceData,
  useUnitOptions,
  useUpdatePerson,
} from './api.ts';
import { DuplicateDialog } from './DuplicateDialog.tsx';
import {
  bodyOf,
  type Draft,
  draftOf,
  emptyDraft,
  type FieldErrors,
  nikRuleBroken,
  serverFieldErrors,
  validateDraft,
} from './form-model.ts';
import {
  AddressSection,
  CategoriesSection,
  IdentitySection,
  PhonesSection,
  Section,
} from './form-sections.tsx';
import { RelationsSection } from './relations-section.tsx';

/** `pm/baru` registers a person; `pm/:id/ubah` edits one. */
export default function PersonFormPage() {
  const { id } = useParams();
  const me = useMe().data;
  const mayWrite = Boolean(me && PEOPLE_WRITER_ROLES.includes(me.role));
  const person = usePerson(id ?? '', Boolean(id) && mayWrite);
  // Readers (admin) may open people but not register or edit them: say so before they fill a form.
  if (!mayWrite) return <ForbiddenPage />;
  if (!id) return <PersonForm person={null} />;
  if (person.isPending) return <LoadingState />;
  if (person.isError) return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;
  // Remount on a newer version (after "reload"), so the form starts from what is stored.
  return <PersonForm key={person.data.version} person={person.data} onReload={() => void person.refetch()} />;
}

function PersonForm({ person, onReload }: { person: TPerson | null; onReload?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const isEdit = person !== null;
  const needsUnit = !isEdit && !me?.unit;
  const [draft, setDraft] = useState<Draft>(() => (person ? draftOf(person) : emptyDraft()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const [duplicates, setDuplicates] = useState<TDuplicateCheckResponse | null>(null);
  const [conflict, setConflict] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const provinces = useProvinceCodes();
  const reference = useReferenceData();
  const units = useUnitOptions(needsUnit);
  const create = useCreatePerson();
  const update = useUpdatePerson(person?.id ?? '');
  const check = useDuplicateCheck();
  const isSaving = create.isPending || update.isPending || check.isPending;

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    // Clear this field's errors (and its rows') as the user fixes them.
    setErrors((e) => {
      const next = Object.fromEntries(Object.entries(e).filter(([f]) => f !== k && !f.startsWith(`${k}.`)));
      return Object.keys(next).length === Object.keys(e).length ? e : next;
    });
  };
  const errorOf = (field: string) =>
    errors[field] ??
    Object.entries(errors).find(
      ([f]) => /^(clusters|ppks|aliases)\./.test(f) && f.startsWith(`${field}.`),
    )?.[1];

  // Live NIK feedback: which rule is broken, as soon as 16 digits are typed (or too many).
  const nikDigits = draft.nik.replace(/[\s.-]/g, '');
  const liveNikRule =
    nikDigits.length >= 16 || /[^0-9]/.test(nikDigits) ? nikRuleBroken(nikDigits, provinces.data) : null;
  const nikError = errors.nik ?? (liveNikRule ? t(`people.nikRule.${liveNikRule}`) : undefined);
  const nikHint =
    nikDigits.length > 0 && nikDigits.length < 16 && /^[0-9]+$/.test(nikDigits)
      ? t('people.nikCount', { count: nikDigits.length })
      : undefined;

  const focusFirstError = () =>
    setTimeout(() => {
      const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      el?.focus();
      el?.scrollIntoView({ block: 'center' });
    }, 50);

  const showServerError = (err: unknown) => {
    if (!(err instanceof ApiError)) {
      setGeneral(new ApiError(0, {}, t('error.unknown')));
      return;
    }
    if (err.code === 'CONFLICT') {
      setConflict(true);
      return;
    }
    if (err.code === 'PERSON_DUPLICATE_NIK' || err.code === 'PERSON_POSSIBLE_DUPLICATE') {
      // Show the matches (the existing record, or whom to contact) in the dialog.
      void runDuplicateCheck(true);
      if (err.code === 'PERSON_DUPLICATE_NIK')
        setErrors((e) => ({ ...e, nik: err.fieldError('nik')?.replace(/^nik: /, '') ?? err.message }));
      return;
    }
    const fields = serverFieldErrors(err.details);
    setErrors(fields);
    setGeneral(err);
    if (Object.keys(fields).length) focusFirstError();
  };

  const save = (confirmNew: boolean) => {
    setGeneral(null);
    const body = bodyOf(draft);
    if (person) {
      update.mutate(
        { ...body, version: person.version },
        {
          onSuccess: (p) => {
            notify(t('people.saved'));
            void navigate(`/pm/${p.id}`);
          },
          onError: showServerError,
        },
      );
    } else {
      create.mutate(
        { ...body, confirmNew, ...(draft.unitId && needsUnit ? { unitId: draft.unitId } : {}) },
        {
          onSuccess: (p) => {
            setDuplicates(null);
            notify(t('people.registered'));
            void navigate(`/pm/${p.id}`);
          },
          onError: (e) => {
            setDuplicates(null);
            showServerError(e);
          },
        },
      );
    }
  };

  /** Ask for likely matches; returns whether any were found (and shown). */
  const runDuplicateCheck = async (force = false): Promise<boolean> => {
    const body = bodyOf(draft);
    try {
      const result = await check.mutateAsync({
        nik: body.nik,
        fullName: body.fullName,
        aliases: body.aliases,
        birthDate: body.birthDate,
        motherName: body.motherName,
        areaCode: body.areaCode,
        ...(person ? { excludeId: person.id } : {}),
      });
      // When editing, only an exact NIK match matters: the record already exists.
      const found = person
        ? result.nikMatch !== null
        : result.nikMatch !== null || result.candidates.length > 0;
      if (found || force) setDuplicates(person ? { ...result, candidates: [] } : result);
      return found;
    } catch (e) {
      showServerError(e);
      return true;
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setGeneral(null);
    setConflict(false);
    const found = validateDraft(draft, t, { provinces: provinces.data, needsUnit });
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirstError();
      return;
    }
    const nikChanged = person ? (person.nik ?? '') !== (bodyOf(draft).nik ?? '') : true;
    if ((!person || nikChanged) && (await runDuplicateCheck())) return;
    save(false);
  };

  const errorCount = Object.keys(errors).length;
  const title = person ? t('people.editTitle', { name: person.fullName }) : t('people.registerTitle');

  return (
    <Stack gap="md">
      <Anchor component={Link} to={person ? `/pm/${person.id}` : '/pm'} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {person ? t('people.backToPerson') : t('people.back')}
        </Group>
      </Anchor>
      <PageTitle>{title}</PageTitle>
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {conflict ? (
            <Alert color="yellow" role="alert" title={t('people.conflictTitle')}>
              <Stack gap="xs" align="flex-start">
                {t('people.conflict')}
                <Button size="xs" variant="white" color="yellow.9" onClick={onReload}>
                  {t('people.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : null}
          {errorCount ? (
            <Alert color="red" role="alert" data-testid="form-errors">
              {t('people.fixErrors', { count: errorCount })}
            </Alert>
          ) : general && !general.details.some((d) => d.field) ? (
            <ErrorState error={general} />
          ) : null}
          {needsUnit ? (
            <Section id="sec-unit" title={t('people.sec.unit')}>
              <Select
                label={t('people.registeringUnit')}
                searchable
                required
                value={draft.unitId}
                onChange={(v) => set('unitId', v)}
                error={errorOf('unitId')}
                data={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))}
              />
            </Section>
          ) : null}
          <IdentitySection
            draft={draft}
            set={set}
            errorOf={(f) => (f === 'nik' ? nikError : errorOf(f))}
            nikHint={nikHint}
          />
          <AddressSection draft={draft} set={set} errorOf={errorOf} />
          <PhonesSection draft={draft} set={set} errorOf={errorOf} />
          <RelationsSection draft={draft} set={set} errorOf={errorOf} selfId={person?.id ?? null} />
          <CategoriesSection draft={draft} set={set} errorOf={errorOf} reference={reference.data} />
          <Group gap="sm">
            <Button type="submit" loading={isSaving}>
              {person ? t('people.save') : t('people.submitRegister')}
            </Button>
            <Button variant="default" component={Link} to={person ? `/pm/${person.id}` : '/pm'}>
              {t('people.cancel')}
            </Button>
          </Group>
          {!isEdit ? (
            <Text size="xs" c="dimmed">
              {t('people.dupNote')}
            </Text>
          ) : null}
        </Stack>
      </form>
      <DuplicateDialog
        result={duplicates}
        onClose={() => setDuplicates(null)}
        onConfirmNew={person ? undefined : () => save(true)}
        isSaving={create.isPending}
      />
    </Stack>
  );
}
