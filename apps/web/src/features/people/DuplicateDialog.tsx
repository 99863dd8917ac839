import type { TDuplicateCandidate, TDuplicateCheckResponse } from '@atensi/contracts';
import { Alert, Badge, Button, Card, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconExternalLink, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format.ts';

type Props = {
  result: TDuplicateCheckResponse | null;
  onClose: () => void;
  /** Register anyway; absent when an exact NIK match makes that impossible. */
  onConfirmNew?: () => void;
  isSaving?: boolean;
};

/**
 * Likely matches before registering, each with why it matches. A record the user may see links to it; one
 * they may not see shows only the unit to contact, never the person's data.
 */
export function DuplicateDialog({ result, onClose, onConfirmNew, isSaving }: Props) {
  const { t } = useTranslation();
  const nikMatch = result?.nikMatch ?? null;
  const candidates = result?.candidates ?? [];
  return (
    <Modal
      opened={result !== null}
      onClose={onClose}
      title={nikMatch ? t('people.dup.nikTitle') : t('people.dup.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('people.dup.back') }}
    >
      <Stack gap="sm">
        {nikMatch ? (
          <>
            <Alert color="red" role="alert">
              {t('people.dup.nikText')}
            </Alert>
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              <CandidateCard c={nikMatch} />
            </Stack>
          </>
        ) : (
          <Text size="sm">{t('people.dup.text', { count: candidates.length })}</Text>
        )}
        {candidates.length ? (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {candidates.map((c, i) => (
              <CandidateCard key={c.personId ?? `hidden-${i}`} c={c} />
            ))}
          </Stack>
        ) : null}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            {t('people.dup.back')}
          </Button>
          {onConfirmNew && !nikMatch ? (
            <Button onClick={onConfirmNew} loading={isSaving}>
              {t('people.dup.confirmNew')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}

function CandidateCard({ c }: { c: TDuplicateCandidate }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" component="li" data-testid="duplicate-candidate">
      <Group justify="space-between" align="flex-start" gap="xs">
        <div style={{ minWidth: 0, flex: 1 }}>
          {c.visible ? <Text fw={600}>{c.fullName}</Text> : <Text fw={600}>{t('people.dup.hidden')}</Text>}
          <Text size="xs" c="dimmed">
            {c.birthDate ? `${t('people.birthDate')}: ${formatDate(c.birthDate)} · ` : ''}
            {t('people.dup.unit', { unit: c.unit.name || c.unit.code })}
          </Text>
        </div>
        <Badge
          variant="light"
          color={c.score >= 0.85 ? 'red' : 'orange'}
          c={c.score >= 0.85 ? undefined : 'dark.6'}
          style={{ textTransform: 'none' }}
        >
          {t('people.dup.score', { pct: Math.round(c.score * 100) })}
        </Badge>
      </Group>
      <Text size="xs" fw={600} mt="xs">
        {t('people.dup.why')}
      </Text>
      <List size="sm" spacing={2}>
        {c.reasons.map((r) => (
          <List.Item key={r.field}>{r.detail}</List.Item>
        ))}
      </List>
      {c.visible && c.personId ? (
        <Button
          mt="xs"
          size="xs"
          variant="light"
          component={Link}
          to={`/pm/${c.personId}`}
          leftSection={<IconExternalLink size={14} aria-hidden />}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('people.dup.open')}
        </Button>
      ) : (
        <Text size="sm" mt="xs">
          <IconPhone size={14} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
          {c.unit.phone
            ? t('people.dup.contact', { unit: c.unit.name || c.unit.code, phone: c.unit.phone })
            : t('people.dup.contactNoPhone', { unit: c.unit.name || c.unit.code })}
        </Text>
      )}
    </Card>
  );
}
