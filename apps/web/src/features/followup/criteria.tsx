import type { TCriterion, TCriterionResult } from '@atensi/contracts';
import { Badge, Group, List, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatRupiah } from '../../lib/format.ts';
import { day } from './parts.tsx';

const ratio = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** A criterion in words, with its parameters ("Pendapatan ≥ 1 × upah minimum pada 2 survei berturut-turut"). */
export function criterionText(c: TCriterion, t: TFunction): string {
  switch (c.kind) {
    case 'has_identity':
      return t(
        c.allowOpenTask === false ? 'followup.criteria.has_identity' : 'followup.criteria.has_identity_task',
      );
    case 'stable_living':
      return t('followup.criteria.stable_living', {
        housing: (c.housing ?? []).map((h) => t(`followup.housing.${h}`)).join(', '),
      });
    case 'functioning_improved':
      return t('followup.criteria.functioning_improved', { bands: c.bands ?? 1, width: c.bandWidth ?? 20 });
    case 'training_completed':
      return t('followup.criteria.training_completed');
    case 'income_at_least':
      return t('followup.criteria.income_at_least', {
        ratio: ratio.format(c.ratio),
        count: c.consecutive ?? 1,
      });
    case 'no_social_assistance':
      return t('followup.criteria.no_social_assistance', { count: c.surveys ?? 1 });
    case 'level_holds':
      return t('followup.criteria.level_holds', { level: c.level });
    case 'terminated_with_reason':
      return t('followup.criteria.terminated_with_reason', {
        reasons: (c.reasons ?? []).map((r) => t(`cases.terminationReasons.${r}`)).join(', '),
      });
    case 'followups_done':
      return t('followup.criteria.followups_done', { months: (c.months ?? []).join(', ') });
    case 'assessment_recorded':
    case 'plan_approved':
    case 'basic_needs_met':
    case 'health_insurance':
    case 'work_or_business':
    case 'bank_account':
      return t(`followup.criteria.${c.kind}`);
  }
}

// Filled, dark shades: white text at 4.5:1 or more on any background the list sits on (a highlighted step).
const STATUS_COLOR = { met: 'teal.9', not_met: 'gray.7', unknown: 'grape.9' } as const;

/** Evidence values whose text is an option of a list with its own labels. */
const ENUM_LABELS: Partial<Record<string, string>> = {
  housing: 'followup.housing',
  workStatus: 'followup.workStatus',
  childrenInSchool: 'followup.children',
  reason: 'cases.terminationReasons',
};
const PER_SURVEY = /^(\d{4}-\d{2}-\d{2})\.(income|minimumWage|aid)$/;

/** One line of evidence in words: "Pendapatan 3 Maret 2026: Rp 2.500.000". */
export function evidenceLine(key: string, v: string | number | boolean | null, t: TFunction): string {
  const perSurvey = PER_SURVEY.exec(key);
  const month = /^month(\d+)$/.exec(key);
  const label = perSurvey
    ? `${t(`followup.evidence.${perSurvey[2]}`)} ${day(perSurvey[1] ?? '')}`
    : month
      ? t('followup.evidence.month', { month: month[1] })
      : t(`followup.evidence.${key}`, { defaultValue: key });
  let value: string;
  if (v === null) value = perSurvey?.[2] === 'minimumWage' ? t('followup.roadmap.cannotAssessShort') : '—';
  else if (typeof v === 'boolean') value = v ? t('followup.form.yes') : t('followup.form.no');
  else if (typeof v === 'number')
    value = perSurvey ? formatRupiah(v) : key === 'ratio' ? ratio.format(v) : formatNumber(v);
  else if (ENUM_LABELS[key]) value = t(`${ENUM_LABELS[key]}.${v}`, { defaultValue: v });
  else value = /^\d{4}-\d{2}-\d{2}$/.test(v) ? day(v) : v;
  return `${label}: ${value}`;
}

/**
 * Criteria with their standing: met, not met, or cannot be assessed; with the values and the surveys each
 * judgement rests on (`surveyDates` names a survey by its date).
 */
export function CriteriaList({
  results,
  surveyDates,
  testId,
}: {
  results: TCriterionResult[];
  surveyDates: Map<string, string>;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <List spacing={6} size="sm" listStyleType="none" ml={0} pl={0} data-testid={testId}>
      {results.map((r, i) => {
        const values = Object.entries(r.evidence.values);
        const dates = r.evidence.surveyIds.map((id) => surveyDates.get(id)).filter((d): d is string => !!d);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a level may repeat a kind with other parameters
          <List.Item key={`${r.criterion.kind}-${i}`}>
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Badge size="sm" variant="filled" color={STATUS_COLOR[r.status]} style={{ flexShrink: 0 }}>
                {t(`followup.status.${r.status}`)}
              </Badge>
              <div style={{ minWidth: 0 }}>
                <Text size="sm">{criterionText(r.criterion, t)}</Text>
                {values.length || dates.length ? (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {[
                      ...values.map(([k, v]) => evidenceLine(k, v, t)),
                      ...(dates.length
                        ? [t('followup.roadmap.fromSurveys', { dates: dates.map(day).join(', ') })]
                        : []),
                    ].join(' · ')}
                  </Text>
                ) : null}
              </div>
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}
