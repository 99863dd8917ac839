// The `training` section of the Indonesian messages.
export const trainingId = {
  nav: 'Pelatihan',
};
