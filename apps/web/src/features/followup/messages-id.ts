// The `followup` section of the Indonesian messages.
export const followupId = {
  nav: 'Tindak lanjut',
};
