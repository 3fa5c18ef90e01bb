import { GRANT } from '../catalogue';
import type { Rule } from './api';
import { report } from './api';
import { related, removeGrantFix } from './helpers';

export const passwordlessOtpSpa: Rule = {
  id: 'passwordless-otp-spa',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'The Passwordless OTP grant on a single-page app.',
  check(client) {
    if (client.appTypeValue !== 'spa') return [];
    const copies = client.itemsOf(GRANT.passwordlessOtp);
    if (copies.length === 0) return [];
    // The same for every copy (the removal takes them all): made once, so repeats cost one finding each.
    const notes = related(client.appType, 'spa: Auth0 does not enable Passwordless OTP on single-page apps');
    const fixes = [removeGrantFix(client, copies[0]!, 'safe')];
    return copies.map((item) =>
      report(this, {
        node: item,
        grantItem: item,
        message: 'The Passwordless OTP grant cannot be enabled on a single-page app: remove it and call it from a back end.',
        related: notes,
        fixes,
      }),
    );
  },
};
