import { Alert, Box, Button, Center, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCertificateCheck } from './api.ts';

/** Public: anyone holding a certificate checks its code; only initials, course, date and unit are shown. */
export default function VerifyPage() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [input, setInput] = useState(code);
  const check = useCertificateCheck(code.trim());
  const r = check.data;
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="lg" w="100%" maw={520}>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Text size="sm" c="dimmed">
                {t('app.ministry')}
              </Text>
              <Title order={1} size="h3">
                {t('training.verify.title')}
              </Title>
            </div>
            <LanguageSwitch />
          </Group>
          <Text size="sm">{t('training.verify.intro')}</Text>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const c = input.trim().toUpperCase();
              if (c) void navigate(`/verifikasi/${encodeURIComponent(c)}`);
            }}
          >
            <Group align="flex-end" gap="sm" wrap="nowrap">
              <TextInput
                label={t('training.verify.code')}
                placeholder="ATN-XXXX-XXXX"
                value={input}
                onChange={(e) => setInput(e.currentTarget.value)}
                style={{ flex: 1 }}
                maxLength={40}
              />
              <Button type="submit">{t('training.verify.check')}</Button>
            </Group>
          </form>
          {!code ? null : check.isPending ? (
            <LoadingState />
          ) : check.isError ? (
            <ErrorState error={check.error} onRetry={() => void check.refetch()} />
          ) : r?.valid ? (
            <Alert
              color="green"
              icon={<IconCircleCheck aria-hidden />}
              title={
                <Text component="span" fw={700} c="dark.8">
                  {t('training.verify.valid')}
                </Text>
              }
              role="status"
            >
              <Box component="dl" m={0}>
                <Row
                  label={t('training.verify.course')}
                  value={(i18n.language === 'en' ? r.courseNameEn : r.courseNameId) ?? ''}
                />
                <Row label={t('training.verify.hours')} value={String(r.hours ?? '')} />
                <Row label={t('training.verify.holder')} value={r.holderInitials ?? ''} />
                <Row
                  label={t('training.verify.completedOn')}
                  value={r.completedOn ? formatDate(r.completedOn) : ''}
                />
                <Row label={t('training.verify.unit')} value={r.unitName ?? ''} />
              </Box>
              <Text size="xs" mt="sm">
                {t('training.verify.privacy')}
              </Text>
            </Alert>
          ) : (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {t('training.verify.invalid')}
            </Alert>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text component="dt" size="sm" c="dimmed" miw={140}>
        {label}
      </Text>
      <Text component="dd" size="sm" fw={600} m={0}>
        {value}
      </Text>
    </Group>
  );
}
