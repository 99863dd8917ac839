import type { TCohort } from '@atensi/contracts';
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { notify } from '../../components/notify.ts';
import { ErrorState } from '../../components/states.tsx';
import { useCohortAction, useCourses, useCreateCohort } from './api.ts';

type Errors = Partial<
  Record<'courseCode' | 'startsOn' | 'endsOn' | 'trainer' | 'place' | 'capacity', string>
>;

/** Open a cohort, or (given one) change its dates, trainer, place, capacity and notes. */
export function NewCohortForm({
  opened,
  onClose,
  cohort,
}: {
  opened: boolean;
  onClose: () => void;
  cohort?: TCohort;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const courses = useCourses();
  const creating = useCreateCohort();
  const updating = useCohortAction(cohort?.id ?? '');
  const create = cohort ? updating : creating;
  const [courseCode, setCourseCode] = useState<string | null>(cohort?.course.code ?? null);
  const [startsOn, setStartsOn] = useState(cohort?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(cohort?.endsOn ?? '');
  const [trainer, setTrainer] = useState(cohort?.trainer ?? '');
  const [place, setPlace] = useState(cohort?.place ?? '');
  const [capacity, setCapacity] = useState<number | string>(cohort?.capacity ?? 20);
  const [notes, setNotes] = useState(cohort?.notes ?? '');
  const [errors, setErrors] = useState<Errors>({});

  const serverError = create.error instanceof ApiError ? create.error : null;
  const fieldError = (f: keyof Errors) => errors[f] ?? serverError?.fieldError(f);

  const submit = () => {
    const req = t('training.cohortForm.required');
    const e: Errors = {};
    if (!courseCode) e.courseCode = req;
    if (!startsOn) e.startsOn = req;
    if (!endsOn) e.endsOn = req;
    else if (startsOn && endsOn < startsOn) e.endsOn = t('training.cohortForm.endBeforeStart');
    if (!trainer.trim()) e.trainer = req;
    if (!place.trim()) e.place = req;
    const cap = Number(capacity);
    if (!Number.isInteger(cap) || cap < 1 || cap > 500) e.capacity = t('training.cohortForm.capacityRange');
    setErrors(e);
    if (Object.keys(e).length || !courseCode) return;
    const fields = {
      startsOn,
      endsOn,
      trainer: trainer.trim(),
      place: place.trim(),
      capacity: cap,
      notes: notes.trim() || null,
    };
    if (cohort) {
      updating.mutate(
        { path: '', method: 'PUT', body: { ...fields, version: cohort.version } },
        {
          onSuccess: () => {
            notify(t('training.cohortForm.updated'));
            onClose();
          },
        },
      );
      return;
    }
    creating.mutate(
      { courseCode, ...fields },
      {
        onSuccess: (c) => {
          notify(t('training.cohortForm.created'));
          onClose();
          void navigate(`/pelatihan/kelas/${c.id}`);
        },
      },
    );
  };

  const options = (courses.data?.items ?? [])
    .filter((c) => c.isActive)
    .map((c) => ({
      value: c.code,
      label: `${i18n.language === 'en' ? c.nameEn : c.nameId} (${t(`training.kind.${c.kind}`)})`,
    }));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={cohort ? t('training.cohortForm.titleEdit') : t('training.cohortForm.title')}
      size="lg"
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Select
            label={t('training.cohortForm.course')}
            placeholder={t('training.cohortForm.coursePlaceholder')}
            data={options}
            value={courseCode}
            onChange={setCourseCode}
            searchable
            required
            disabled={Boolean(cohort)}
            error={fieldError('courseCode')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              type="date"
              label={t('training.cohortForm.startsOn')}
              value={startsOn}
              onChange={(e) => setStartsOn(e.currentTarget.value)}
              required
              error={fieldError('startsOn')}
            />
            <TextInput
              type="date"
              label={t('training.cohortForm.endsOn')}
              value={endsOn}
              min={startsOn || undefined}
              onChange={(e) => setEndsOn(e.currentTarget.value)}
              required
              error={fieldError('endsOn')}
            />
          </SimpleGrid>
          <TextInput
            label={t('training.cohortForm.trainer')}
            value={trainer}
            onChange={(e) => setTrainer(e.currentTarget.value)}
            required
            maxLength={200}
            error={fieldError('trainer')}
          />
          <TextInput
            label={t('training.cohortForm.place')}
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
            required
            maxLength={200}
            error={fieldError('place')}
          />
          <NumberInput
            label={t('training.cohortForm.capacity')}
            value={capacity}
            onChange={setCapacity}
            min={1}
            max={500}
            allowDecimal={false}
            required
            error={fieldError('capacity')}
          />
          <Textarea
            label={t('training.cohortForm.notes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          {create.error && !serverError?.details.length ? <ErrorState error={create.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('training.cohortForm.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {cohort ? t('training.cohortForm.saveEdit') : t('training.cohortForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
