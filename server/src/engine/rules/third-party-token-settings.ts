import type { ClientFacts } from '../client';
import type { Prop } from '../model';
import type { Finding, Rule } from './api';
import { report } from './api';
import { related, titled } from './helpers';

/** What strict mode requires of one setting. */
interface Requirement {
  readonly label: string;
  readonly find: (client: ClientFacts) => Prop | undefined;
  /** Whether the known value breaks the requirement (read as the client's reader reads it). */
  readonly breaks: (prop: Prop, client: ClientFacts) => boolean;
  readonly required: string | boolean;
}

const REQUIREMENTS: readonly Requirement[] = [
  {
    label: 'jwt_configuration.alg',
    find: (client) => client.jwtAlg,
    breaks: (prop) => prop.value.kind === 'string' && prop.value.value !== 'RS256',
    required: 'RS256',
  },
  {
    label: 'refresh_token.expiration_type',
    find: (client) => client.refreshTokenSetting('expiration_type'),
    breaks: (prop) => prop.value.kind === 'string' && prop.value.value === 'non-expiring',
    required: 'expiring',
  },
  {
    label: 'refresh_token.infinite_token_lifetime',
    find: (client) => client.refreshTokenSetting('infinite_token_lifetime'),
    breaks: (prop, client) => client.booleanValue(prop.value) === true,
    required: false,
  },
  {
    label: 'refresh_token.infinite_idle_token_lifetime',
    find: (client) => client.refreshTokenSetting('infinite_idle_token_lifetime'),
    breaks: (prop, client) => client.booleanValue(prop.value) === true,
    required: false,
  },
];

/**
 * Facts §7: third-party applications in strict mode sign tokens with RS256 only and their refresh tokens must
 * expire (auth0.com/docs, get-started/applications/third-party-applications/security-controls L46–65). New
 * third-party clients are created strict unless the tenant says otherwise, so an absent mode is taken as strict.
 */
export const thirdPartyTokenSettings: Rule = {
  id: 'third-party-token-settings',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'A strict third-party client whose tokens are not signed with RS256, or whose refresh tokens do not expire.',
  check(client) {
    if (!client.isExplicitlyThirdParty) return [];
    const mode = client.thirdPartyMode;
    const modeValue = client.thirdPartyModeValue;
    // An unknown mode, or one of the wrong type, may be permissive.
    if (mode.state === 'unknown' || (mode.state === 'known' && modeValue === undefined) || modeValue === 'permissive') return [];
    const assumed = mode.state === 'absent';
    const findings: Finding[] = [];
    for (const requirement of REQUIREMENTS) {
      const prop = requirement.find(client);
      if (!prop || !requirement.breaks(prop, client)) continue;
      const required = typeof requirement.required === 'string' ? `'${requirement.required}'` : String(requirement.required);
      findings.push(
        report(this, {
          node: prop.value,
          severity: assumed ? 'warning' : 'error',
          message: `${requirement.label} must be ${required} for a strict third-party app${assumed ? ' (mode unset: strict assumed)' : ''}.`,
          related: [...related(client.isFirstPartyField, 'false: a third-party client'), ...related(mode, 'strict: RS256 tokens and expiring refresh tokens only')],
          fixes: [{ title: titled(`Set ${requirement.label} to ${required}`, 'unsafe', 'changes a setting'), edits: [{ kind: 'replaceScalar', node: prop.value, value: requirement.required }], safety: 'unsafe' }],
        }),
      );
    }
    return findings;
  },
};
