import { CRITERION_KINDS, HOUSING_KINDS, type TCriterionKind, TERMINATION_REASONS } from '@atensi/contracts';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useReference } from '../cases/api.ts';
import {
  type CriterionDraft,
  type DraftResult,
  KIND_PARAMS,
  type ListParam,
  type NumberParam,
  newDraft,
  numberRule,
  type Param,
} from './criteria-form-model.ts';

/** The ladder takes at most this many criteria per level (ZPutRoadmapLevelsRequest). */
export const MAX_CRITERIA = 20;

/**
 * A level's criteria as form controls: one card per condition, its kind from a list and its parameters as
 * number inputs, switches and checkboxes, each with its own message. Every condition must hold.
 */
export function CriteriaEditor({
  drafts,
  results,
  level,
  onChange,
  serverError,
  listError,
}: {
  drafts: CriterionDraft[];
  /** checkDraft of each draft, same order. */
  results: DraftResult[];
  level: number;
  onChange: (next: CriterionDraft[]) => void;
  /** The server's message for a parameter of condition i, if it refused one. */
  serverError: (i: number, param: Param) => string | undefined;
  listError?: string | undefined;
}) {
  const { t } = useTranslation();
  const set = (i: number, d: CriterionDraft) => onChange(drafts.map((x, j) => (j === i ? d : x)));
  return (
    <Stack gap="xs" role="group" aria-labelledby="criteria-heading">
      <Text id="criteria-heading" size="sm" fw={600}>
        {t('followup.editor.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('followup.editor.hint')}
      </Text>
      {drafts.map((d, i) => (
        <Condition
          key={d.key}
          n={i + 1}
          draft={d}
          result={results[i]}
          level={level}
          canRemove={drafts.length > 1}
          onChange={(next) => set(i, next)}
          onRemove={() => onChange(drafts.filter((_, j) => j !== i))}
          serverError={(p) => serverError(i, p)}
        />
      ))}
      {listError ? (
        <Text size="sm" c="red.8" role="alert">
          {listError}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="light"
          size="sm"
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={drafts.length >= MAX_CRITERIA}
          onClick={() => onChange([...drafts, newDraft('basic_needs_met', level)])}
        >
          {t('followup.editor.add')}
        </Button>
      </Group>
    </Stack>
  );
}

function Condition({
  n,
  draft,
  result,
  level,
  canRemove,
  onChange,
  onRemove,
  serverError,
}: {
  n: number;
  draft: CriterionDraft;
  result: DraftResult | undefined;
  level: number;
  canRemove: boolean;
  onChange: (d: CriterionDraft) => void;
  onRemove: () => void;
  serverError: (p: Param) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const reference = useReference();
  const errorOf = (p: Param) => result?.errors[p] ?? serverError(p);
  const label = (p: Param) => t(`followup.editor.param.${p}`);
  const numberInput = (p: NumberParam) => {
    const r = numberRule(draft.kind, p);
    return (
      <NumberInput
        key={p}
        label={label(p)}
        description={t(`followup.editor.paramHint.${p}`, { defaultValue: '' }) || undefined}
        value={draft.numbers[p] ?? ''}
        onChange={(v) => onChange({ ...draft, numbers: { ...draft.numbers, [p]: v } })}
        min={r.min}
        max={r.max}
        step={r.isInt ? 1 : 0.1}
        allowDecimal={!r.isInt}
        decimalScale={r.isInt ? 0 : 2}
        decimalSeparator={i18n.language === 'en' ? '.' : ','}
        clampBehavior="none"
        inputMode={r.isInt ? 'numeric' : 'decimal'}
        error={errorOf(p)}
      />
    );
  };
  const options: Record<ListParam, { value: string; label: string }[]> = {
    housing: HOUSING_KINDS.map((h) => ({ value: h, label: t(`followup.housing.${h}`) })),
    reasons: TERMINATION_REASONS.map((r) => ({ value: r, label: t(`cases.terminationReasons.${r}`) })),
    serviceCodes: (reference.data?.services ?? []).map((s) => ({
      value: s.code,
      label: i18n.language === 'en' ? s.nameEn : s.nameId,
    })),
  };
  const checkboxes = (p: ListParam) => {
    const chosen = draft.lists[p] ?? [];
    // Codes saved earlier but not offered now stay visible, so unticking them is possible.
    const extra = chosen.filter((c) => !options[p].some((o) => o.value === c));
    return (
      <Checkbox.Group
        key={p}
        label={label(p)}
        value={chosen}
        onChange={(v) => onChange({ ...draft, lists: { ...draft.lists, [p]: v } })}
        error={errorOf(p)}
      >
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} verticalSpacing={6} mt={6}>
          {[...options[p], ...extra.map((c) => ({ value: c, label: c }))].map((o) => (
            <Checkbox key={o.value} value={o.value} label={o.label} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    );
  };
  const control = (p: Param) => {
    switch (p) {
      case 'allowOpenTask':
        return (
          <Switch
            key={p}
            label={label(p)}
            checked={draft.allowOpenTask}
            onChange={(ev) => onChange({ ...draft, allowOpenTask: ev.currentTarget.checked })}
          />
        );
      case 'months':
        return (
          <TextInput
            key={p}
            label={label(p)}
            description={t('followup.editor.paramHint.months')}
            value={draft.months}
            onChange={(ev) => onChange({ ...draft, months: ev.currentTarget.value })}
            error={errorOf(p)}
          />
        );
      case 'housing':
      case 'reasons':
      case 'serviceCodes':
        return checkboxes(p);
      default:
        return numberInput(p);
    }
  };
  const params = KIND_PARAMS[draft.kind];
  return (
    <Paper withBorder p="sm" radius="sm" role="group" aria-label={t('followup.editor.condition', { n })}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-end" gap="xs">
          <NativeSelect
            style={{ flex: 1, minWidth: 0 }}
            label={t('followup.editor.kind', { n })}
            value={draft.kind}
            onChange={(ev) =>
              onChange({ ...newDraft(ev.currentTarget.value as TCriterionKind, level), key: draft.key })
            }
            data={CRITERION_KINDS.map((k) => ({ value: k, label: t(`followup.editor.kinds.${k}`) }))}
          />
          <ActionIcon
            variant="subtle"
            color="red.8"
            size="lg"
            disabled={!canRemove}
            onClick={onRemove}
            aria-label={t('followup.editor.remove', { n })}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Group>
        {params.length ? (
          <SimpleGrid
            cols={{ base: 1, sm: params.length > 1 && !params.includes('months') ? 2 : 1 }}
            spacing="xs"
          >
            {params.map(control)}
          </SimpleGrid>
        ) : (
          <Text size="xs" c="dimmed">
            {t('followup.editor.noParams')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
