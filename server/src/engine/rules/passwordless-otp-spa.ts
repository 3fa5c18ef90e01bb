import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { clientFieldsInfo, removeGrantFix } from './helpers';

export const passwordlessOtpSpa: Rule = {
  id: 'passwordless-otp-spa',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'The Passwordless OTP grant on a single-page app.',
  check(client) {
    if (client.appTypeValue !== 'spa') return [];
    return client.itemsOf(GRANT.passwordlessOtp).map((item) =>
      report(this, {
        node: item,
        grantItem: item,
        message: 'The Passwordless OTP grant cannot be enabled on a single-page app; call it from a back-end application instead.',
        related: clientFieldsInfo(client),
        fixes: [removeGrantFix(client, item, 'safe')],
      }),
    );
  },
};
