import type { TCriterion, TRoadmapLevel } from '@atensi/contracts';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { notify } from '../../components/notify.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { usePutRoadmapLevels, useRoadmapLevels } from './api.ts';
import { CriteriaEditor } from './CriteriaEditor.tsx';
import { criterionText } from './criteria.tsx';
import { type CriterionDraft, checkDraft, toDraft } from './criteria-form-model.ts';
import { SaveError } from './parts.tsx';

/** The roadmap ladder: each level with its criteria in words; admin edits names and criteria. */
export function RoadmapLevelsTab({ isAdmin }: { isAdmin: boolean }) {
  const { t, i18n } = useTranslation();
  const levels = useRoadmapLevels();
  const [editing, setEditing] = useState<number | null>(null);
  if (levels.isPending) return <LoadingState rows={6} />;
  if (levels.isError) return <ErrorState error={levels.error} onRetry={() => void levels.refetch()} />;
  const items = [...levels.data.items].sort((a, b) => a.level - b.level);
  if (items.length === 0) return <EmptyState text={t('followup.admin.levelsEmpty')} />;
  const row = items.find((l) => l.level === editing) ?? null;
  const name = (l: TRoadmapLevel) => (i18n.language === 'en' ? l.nameEn : l.nameId);
  return (
    <Stack gap="sm" data-testid="levels">
      <Text size="sm" c="dimmed">
        {t('followup.admin.levelsIntro')}
      </Text>
      {items.map((l) => (
        <Card key={l.level} withBorder padding="sm" component="section" aria-labelledby={`level-${l.level}`}>
          <Group justify="space-between" align="flex-start" gap="xs">
            <Group gap={6}>
              <Title order={3} size="h5" id={`level-${l.level}`}>
                {t('followup.roadmap.levelN', { level: l.level })} · {name(l)}
              </Title>
              {l.isIndependence ? (
                <Badge size="sm" variant="light" c="dark.8" color="teal">
                  {t('followup.admin.independence')}
                </Badge>
              ) : null}
              {l.isGraduation ? (
                <Badge size="sm" variant="light" c="dark.8" color="grape">
                  {t('followup.admin.graduation')}
                </Badge>
              ) : null}
            </Group>
            {isAdmin ? (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconEdit size={14} aria-hidden />}
                onClick={() => setEditing(l.level)}
                aria-label={t('followup.admin.editLevel', { level: l.level })}
              >
                {t('followup.admin.edit')}
              </Button>
            ) : null}
          </Group>
          <List size="sm" mt={4}>
            {l.criteria.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: criteria have no identity of their own
              <List.Item key={i}>{criterionText(c, t)}</List.Item>
            ))}
          </List>
        </Card>
      ))}
      <Modal
        opened={row !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={row ? t('followup.admin.editLevel', { level: row.level }) : ''}
        closeButtonProps={{ 'aria-label': t('followup.admin.cancel') }}
      >
        {row ? (
          <LevelForm
            key={`${row.level}:${row.version}`}
            row={row}
            ladder={items}
            onDone={() => setEditing(null)}
            onReload={() => void levels.refetch()}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

/** Edit one level; the API takes the whole ladder, so the others go as they were read (with versions). */
function LevelForm({
  row,
  ladder,
  onDone,
  onReload,
}: {
  row: TRoadmapLevel;
  ladder: TRoadmapLevel[];
  onDone: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const put = usePutRoadmapLevels();
  const index = ladder.indexOf(row);
  const [nameId, setNameId] = useState(row.nameId);
  const [nameEn, setNameEn] = useState(row.nameEn);
  const [isIndependence, setIndependence] = useState(row.isIndependence);
  const [drafts, setDrafts] = useState<CriterionDraft[]>(() =>
    row.criteria.map((c) => toDraft(c, row.level)),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const results = useMemo(() => drafts.map((d) => checkDraft(d, row.level, t)), [drafts, row.level, t]);
  const criteria = results.every((r) => r.criterion) ? results.map((r) => r.criterion as TCriterion) : null;
  const serverMessage = put.error instanceof ApiError ? put.error : null;

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (nameId.trim().length < 2) e.nameId = t('followup.admin.name2');
    if (nameEn.trim().length < 2) e.nameEn = t('followup.admin.name2');
    if (drafts.length === 0) e.criteria = t('followup.editor.err.none');
    else if (!criteria) e.criteria = t('followup.editor.err.fix');
    setErrors(e);
    if (Object.keys(e).length || !criteria) return;
    put.mutate(
      {
        levels: ladder.map((l) => ({
          level: l.level,
          code: l.code,
          nameId: l.level === row.level ? nameId.trim() : l.nameId,
          nameEn: l.level === row.level ? nameEn.trim() : l.nameEn,
          criteria: l.level === row.level ? criteria : l.criteria,
          isIndependence: l.level === row.level ? isIndependence : l.isIndependence,
          isGraduation: l.isGraduation,
          version: l.version,
        })),
      },
      {
        onSuccess: () => {
          notify(t('followup.admin.levelSaved'));
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('followup.admin.nameId')}
          value={nameId}
          onChange={(ev) => setNameId(ev.currentTarget.value)}
          error={errors.nameId ?? serverMessage?.fieldError(`levels.${index}.nameId`)}
          maxLength={100}
          required
        />
        <TextInput
          label={t('followup.admin.nameEn')}
          value={nameEn}
          onChange={(ev) => setNameEn(ev.currentTarget.value)}
          error={errors.nameEn ?? serverMessage?.fieldError(`levels.${index}.nameEn`)}
          maxLength={100}
          required
        />
        <Checkbox
          label={t('followup.admin.independence')}
          description={t('followup.admin.independenceHint')}
          checked={isIndependence}
          onChange={(ev) => setIndependence(ev.currentTarget.checked)}
        />
        <CriteriaEditor
          drafts={drafts}
          results={results}
          level={row.level}
          onChange={(next) => {
            setDrafts(next);
            if (errors.criteria) setErrors(({ criteria: _, ...rest }) => rest);
          }}
          serverError={(i, p) => serverMessage?.fieldError(`levels.${index}.criteria.${i}.${p}`)}
          listError={errors.criteria}
        />
        <Stack gap={2} data-testid="criteria-preview" aria-live="polite">
          <Text size="sm" fw={600}>
            {t('followup.admin.criteriaPreview')}
          </Text>
          <List size="sm">
            {results.map((r, i) => (
              <List.Item key={drafts[i]?.key ?? i}>
                {r.criterion ? criterionText(r.criterion, t) : t('followup.editor.incomplete', { n: i + 1 })}
              </List.Item>
            ))}
          </List>
        </Stack>
        <SaveError error={put.error} onReload={onReload} conflict={t('followup.admin.conflict')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('followup.admin.cancel')}
          </Button>
          <Button type="submit" loading={put.isPending}>
            {t('followup.admin.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
