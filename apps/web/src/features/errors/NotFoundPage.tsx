import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="sm" py="xl">
      <Title order={1} size="h2">
        {t('error.notFound')}
      </Title>
      <Text c="dimmed">{t('error.notFoundText')}</Text>
      <Button component={Link} to="/">
        {t('error.backHome')}
      </Button>
    </Stack>
  );
}
