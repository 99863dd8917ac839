import type { outcomesId } from './messages-id.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// The `outcomes` section of the English messages: the same keys as messages-id.ts.
export const outcomesEn: Shape<typeof outcomesId> = {
  nav: 'Outcomes',
};
