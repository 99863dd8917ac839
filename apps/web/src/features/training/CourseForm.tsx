import type { TCourse, TCreateCourseRequest } from '@atensi/contracts';
import { Button, Group, Modal, NumberInput, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { notify } from '../../components/notify.ts';
import { ErrorState } from '../../components/states.tsx';
import { useSaveCourse } from './api.ts';

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** Add or change a course (headquarters). */
export function CourseForm({ course, onClose }: { course: TCourse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCourse(course);
  const [code, setCode] = useState(course?.code ?? '');
  const [kind, setKind] = useState<TCourse['kind']>(course?.kind ?? 'vocational');
  const [nameId, setNameId] = useState(course?.nameId ?? '');
  const [nameEn, setNameEn] = useState(course?.nameEn ?? '');
  const [hours, setHours] = useState<number | string>(course?.hours ?? 40);
  const [compId, setCompId] = useState(course?.competenciesId.join('\n') ?? '');
  const [compEn, setCompEn] = useState(course?.competenciesEn.join('\n') ?? '');
  const [isActive, setIsActive] = useState(course?.isActive ?? true);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const err = save.error instanceof ApiError ? save.error : null;
  const fieldError = (f: string) => missing[f] ?? err?.fieldError(f);

  const submit = () => {
    const req = t('training.cohortForm.required');
    const m: Record<string, string> = {};
    if (!course && !/^[A-Z0-9-]{3,40}$/.test(code.trim())) m.code = t('training.courseForm.codeHint');
    if (!nameId.trim()) m.nameId = req;
    if (!nameEn.trim()) m.nameEn = req;
    if (!Number.isInteger(Number(hours)) || Number(hours) < 1) m.hours = req;
    setMissing(m);
    if (Object.keys(m).length) return;
    const body: TCreateCourseRequest = {
      code: code.trim(),
      kind,
      nameId: nameId.trim(),
      nameEn: nameEn.trim(),
      hours: Number(hours),
      competenciesId: lines(compId),
      competenciesEn: lines(compEn),
      isActive,
    };
    save.mutate(body, {
      onSuccess: () => {
        notify(t('training.catalogue.saved'));
        onClose();
      },
    });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={course ? t('training.courseForm.titleEdit') : t('training.courseForm.titleNew')}
      size="lg"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('training.courseForm.code')}
            description={t('training.courseForm.codeHint')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
            disabled={Boolean(course)}
            required
            error={fieldError('code')}
          />
          <Select
            label={t('training.courseForm.kind')}
            value={kind}
            onChange={(v) => v && setKind(v as TCourse['kind'])}
            data={(['vocational', 'entrepreneurship'] as const).map((k) => ({
              value: k,
              label: t(`training.kind.${k}`),
            }))}
            allowDeselect={false}
          />
          <TextInput
            label={t('training.courseForm.nameId')}
            value={nameId}
            onChange={(e) => setNameId(e.currentTarget.value)}
            required
            error={fieldError('nameId')}
          />
          <TextInput
            label={t('training.courseForm.nameEn')}
            value={nameEn}
            onChange={(e) => setNameEn(e.currentTarget.value)}
            required
            error={fieldError('nameEn')}
          />
          <NumberInput
            label={t('training.courseForm.hours')}
            value={hours}
            onChange={setHours}
            min={1}
            max={2000}
            allowDecimal={false}
            required
            error={fieldError('hours')}
          />
          <Textarea
            label={t('training.courseForm.competenciesId')}
            value={compId}
            onChange={(e) => setCompId(e.currentTarget.value)}
            autosize
            minRows={3}
            error={fieldError('competenciesId')}
          />
          <Textarea
            label={t('training.courseForm.competenciesEn')}
            value={compEn}
            onChange={(e) => setCompEn(e.currentTarget.value)}
            autosize
            minRows={3}
            error={fieldError('competenciesEn')}
          />
          <Switch
            label={t('training.courseForm.active')}
            checked={isActive}
            onChange={(e) => setIsActive(e.currentTarget.checked)}
          />
          {save.error && !err?.details.length ? <ErrorState error={save.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('training.courseForm.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('training.courseForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
