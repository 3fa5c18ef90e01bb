/**
 * Rule book, "resolved value": in Terraform a value that is not a literal (here an interpolation, `${…}`) is
 * unknown, and no rule fires on it. A literal client beside them is the control that the rules do run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../server/src/engine/index';

const resource = (clients: Record<string, unknown>) => JSON.stringify({ resource: { auth0_client: clients } }, null, 2);

function findingsByClient(text: string): Record<string, string[]> {
  const result = lintText({ path: '/m/main.tf.json', text });
  const out: Record<string, string[]> = {};
  result.clients.forEach((client, index) => {
    out[client.name ?? '?'] = result.clientFindings[index]!.map((f) => f.ruleId);
  });
  return out;
}

test('Terraform JSON: interpolated values are unknown; no rule fires on them', () => {
  const text = resource({
    computed_everything: { name: 'Computed', app_type: '${var.app_type}', grant_types: '${var.grants}' },
    computed_item: { name: 'Computed Item', app_type: 'non_interactive', grant_types: ['${var.grant}'] },
    computed_method: { name: 'Computed Method', app_type: 'regular_web', grant_types: ['authorization_code'], is_first_party: '${var.first_party}' },
    literal: { name: 'Literal', app_type: 'non_interactive', grant_types: ['authorization_code'] },
  });
  assert.deepEqual(findingsByClient(text), {
    Computed: [],
    'Computed Item': [],
    'Computed Method': [],
    Literal: ['m2m-without-client-credentials'],
  });
});

test('Terraform JSON: an interpolated auth method on the linked credentials is unknown', () => {
  const text = JSON.stringify(
    {
      resource: {
        auth0_client: { kiosk: { name: 'Kiosk', app_type: 'spa', grant_types: ['authorization_code', 'client_credentials'] } },
        auth0_client_credentials: { kiosk: { client_id: '${auth0_client.kiosk.id}', authentication_method: '${var.method}' } },
      },
    },
    null,
    2,
  );
  assert.deepEqual(findingsByClient(text), { Kiosk: [] });
});
