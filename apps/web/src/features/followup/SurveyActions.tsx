import type { TSurvey } from '@atensi/contracts';
import { Alert, Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { notify } from '../../components/notify.ts';
import { useDeleteSurvey } from './api.ts';
import { day, SaveError } from './parts.tsx';

/** A survey address that names no survey of this case. */
export function NotFound({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Alert color="orange" role="alert" icon={<IconAlertTriangle aria-hidden />}>
        {t('followup.form.notFound')}
      </Alert>
      <Anchor component={Link} to={`/kasus/${caseId}`}>
        {t('followup.form.back')}
      </Anchor>
    </Stack>
  );
}

/** Delete a survey recorded in error, after a confirmation that says what follows. */
export function DeleteSurvey({
  survey,
  caseId,
  personId,
  onDone,
  onReload,
}: {
  survey: TSurvey;
  caseId: string;
  personId: string;
  onDone: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteSurvey(caseId, personId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="subtle"
        color="red.9"
        leftSection={<IconTrash size={16} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t('followup.form.delete')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('followup.form.deleteTitle', { date: day(survey.surveyedOn) })}
        closeButtonProps={{ 'aria-label': t('followup.form.cancel') }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('followup.form.deleteText')}</Text>
          <SaveError error={remove.error} onReload={onReload} conflict={t('followup.form.conflict')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('followup.form.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(
                  { id: survey.id, version: survey.version },
                  {
                    onSuccess: () => {
                      notify(t('followup.form.deleted'));
                      onDone();
                    },
                  },
                )
              }
            >
              {t('followup.form.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
