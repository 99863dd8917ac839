import { Container } from '@mantine/core';
import { useRouteError } from 'react-router';
import { ErrorState } from '../components/states.tsx';

export function RouteError() {
  const error = useRouteError();
  return (
    <Container size="sm" py="xl" component="main">
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </Container>
  );
}
