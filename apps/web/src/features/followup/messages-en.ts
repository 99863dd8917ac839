import type { followupId } from './messages-id.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// The `followup` section of the English messages: the same keys as messages-id.ts.
export const followupEn: Shape<typeof followupId> = {
  nav: 'Follow-up',
};
