// The `outcomes` section of the Indonesian messages.
export const outcomesId = {
  nav: 'Capaian',
};
