/**
 * Preloaded with `node --require` by test/robustness/security.test.ts: every Node network entry point throws, and
 * each attempt is appended to the file named by GRANTLINT_NETWORK_LOG, so a test can assert that the CLI and the
 * language server never try to reach the network. Local stdio pipes are untouched.
 */
'use strict';
const fs = require('node:fs');
const log = process.env.GRANTLINT_NETWORK_LOG;

function refuse(what) {
  return function refused() {
    const line = `${process.pid} ${what} ${new Error().stack.split('\n').slice(2, 5).join(' | ')}\n`;
    if (log) fs.appendFileSync(log, line);
    throw new Error(`network access refused in this test: ${what}`);
  };
}

function patch(moduleName, names) {
  const mod = require(moduleName);
  for (const name of names) if (typeof mod[name] === 'function') mod[name] = refuse(`${moduleName}.${name}`);
  return mod;
}

const net = patch('node:net', ['connect', 'createConnection']);
net.Socket.prototype.connect = refuse('net.Socket#connect');
patch('node:http', ['request', 'get']);
patch('node:https', ['request', 'get']);
patch('node:tls', ['connect']);
patch('node:http2', ['connect']);
const dns = patch('node:dns', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'reverse']);
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns.promises[name] = refuse(`dns.promises.${name}`);
patch('node:dgram', ['createSocket']);
globalThis.fetch = refuse('fetch');
globalThis.WebSocket = undefined;
