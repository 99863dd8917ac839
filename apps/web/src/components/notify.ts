import { notifications } from '@mantine/notifications';
import { i18n } from '../app/i18n/index.ts';

/** A toast whose close button has a name screen readers can announce. */
export function notify(message: string, color: 'green' | 'red' | 'blue' = 'green') {
  notifications.show({ message, color, closeButtonProps: { 'aria-label': i18n.t('audit.close') } });
}
