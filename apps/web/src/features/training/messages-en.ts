import type { trainingId } from './messages-id.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// The `training` section of the English messages: the same keys as messages-id.ts.
export const trainingEn: Shape<typeof trainingId> = {
  nav: 'Training',
};
