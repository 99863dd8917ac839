import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A page the user's role does not open: say so plainly instead of asking the API and showing its refusal. */
export default function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="sm" py="xl">
      <Title order={1} size="h2">
        {t('error.forbidden')}
      </Title>
      <Text c="dimmed">{t('error.forbiddenText')}</Text>
      <Button component={Link} to="/">
        {t('error.backHome')}
      </Button>
    </Stack>
  );
}
