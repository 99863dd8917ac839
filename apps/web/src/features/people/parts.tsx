import type { PERSON_WARNINGS } from '@atensi/contracts';
import { Badge, Group } from '@mantine/core';
import { IconAlertTriangle, IconId } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';

type Warning = (typeof PERSON_WARNINGS)[number];

/** "Perlu dokumen identitas", "NIK tidak cocok …": shown beside a person everywhere they appear. */
export function WarningBadges({ warnings, size = 'sm' }: { warnings: Warning[]; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <Group gap={4} data-testid="person-warnings">
      {warnings.map((w) => (
        <Badge
          key={w}
          size={size}
          variant="light"
          color={w === 'needs_identity_documents' ? 'orange' : 'red'}
          // Orange text is too light to read on its tint (WCAG AA): keep the tint, darken the text.
          c={w === 'needs_identity_documents' ? 'dark.6' : undefined}
          leftSection={
            w === 'needs_identity_documents' ? (
              <IconId size={12} aria-hidden />
            ) : (
              <IconAlertTriangle size={12} aria-hidden />
            )
          }
          style={{ textTransform: 'none' }}
        >
          {t(`people.warning.${w}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** "L · 38 th" or "P · ± 60 th": sex and age, with the estimate marked. */
export function useSexAge() {
  const { t } = useTranslation();
  return (p: { sex: 'L' | 'P'; ageYears: number | null; birthDateEstimated?: boolean }) => {
    const sex = t(`people.sex.${p.sex}`);
    if (p.ageYears === null) return sex;
    return `${sex} · ${p.birthDateEstimated ? '± ' : ''}${t('people.ageYears', { count: p.ageYears })}`;
  };
}

export function birthLine(
  birthDate: string | null,
  estimated: boolean,
  place: string | null,
  t: (k: string) => string,
) {
  const parts = [place, birthDate ? formatDate(birthDate) : null].filter(Boolean).join(', ');
  if (!parts) return null;
  return estimated ? `${parts} (${t('people.estimated')})` : parts;
}
