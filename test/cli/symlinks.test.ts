/**
 * Symbolic links in a walked folder: --diff's headers name the file a link leads to (so `patch -p1` applies the
 * diff, and gives what --fix writes), a file reached through a link is said to be so once on stderr, and a broken
 * link named like a file to lint is named as skipped. Real links, in a temporary folder, for each kind of file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, describe, test } from 'node:test';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const work = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-links-')));
after(() => rmSync(work, { recursive: true, force: true }));

function cli(args: readonly string[], cwd: string) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Every regular file under `root` with its text (links left out: they are what the files they lead to hold). */
function regularFiles(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) visit(path);
      else if (stat.isFile()) out[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  visit(root);
  return out;
}

/** A client the safe fixes change (a SPA with client_credentials), in each kind of file, at a path of that kind. */
const FORMS: readonly { readonly name: string; readonly file: string; readonly text: string }[] = [
  {
    name: 'deploy-cli JSON client',
    file: 'clients/s.json',
    text: '{\n  "name": "Partner",\n  "app_type": "spa",\n  "token_endpoint_auth_method": "none",\n  "grant_types": ["authorization_code", "client_credentials"]\n}\n',
  },
  {
    name: 'YAML tenant, block list',
    file: 'conf/s.yaml',
    text: 'clients:\n  - name: Partner\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types:\n      - authorization_code\n      - client_credentials\n',
  },
  {
    name: 'YAML tenant, flow list',
    file: 'conf/s.yml',
    text: 'clients:\n  - name: Partner\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, client_credentials]\n',
  },
  {
    name: 'Terraform HCL',
    file: 'tf/s.tf',
    text: 'resource "auth0_client" "partner" {\n  name        = "Partner"\n  app_type    = "spa"\n  grant_types = ["authorization_code", "client_credentials"]\n}\n',
  },
  {
    name: 'Terraform JSON',
    file: 'tfjson/s.tf.json',
    text: '{\n  "resource": {\n    "auth0_client": {\n      "partner": {\n        "name": "Partner",\n        "app_type": "spa",\n        "grant_types": ["authorization_code", "client_credentials"]\n      }\n    }\n  }\n}\n',
  },
];

/** Where a link to the form's file is made, and whether the target is walked too. */
const LINKS: readonly { readonly name: string; readonly make: (root: string, file: string) => { link: string; alsoTarget: boolean } }[] = [
  {
    name: 'a link beside its target',
    make: (root, file) => {
      const link = join(dirname(file), `inside${file.slice(file.indexOf('.'))}`);
      symlinkSync(file.split('/').pop()!, join(root, 'tenant', link));
      return { link, alsoTarget: true };
    },
  },
  {
    name: 'a link in another folder of the tree',
    make: (root, file) => {
      const link = join('other', dirname(file), `l${file.slice(file.indexOf('.'))}`);
      mkdirSync(join(root, 'tenant', dirname(link)), { recursive: true });
      // Relative, so that the copy the --fix run gets leads to its own file.
      symlinkSync(relative(join(root, 'tenant', dirname(link)), join(root, 'tenant', file)), join(root, 'tenant', link));
      return { link, alsoTarget: true };
    },
  },
  {
    name: 'a linked folder inside the tree',
    make: (root, file) => {
      symlinkSync(dirname(file), join(root, 'tenant', 'aliased'));
      return { link: join('aliased', file.split('/').pop()!), alsoTarget: true };
    },
  },
];

describe('--diff through symbolic links applies with patch -p1 and gives what --fix writes', () => {
  for (const form of FORMS) {
    for (const way of LINKS) {
      for (const walkTarget of [true, false]) {
        test(`${form.name}, ${way.name}${walkTarget ? '' : ', the link named alone'}`, () => {
          const root = mkdtempSync(join(work, 'case-'));
          write(join(root, 'tenant', form.file), form.text);
          const { link } = way.make(root, form.file);
          const linkPath = join('tenant', link);
          const targets = walkTarget ? ['tenant'] : [linkPath];
          cpSync(root, `${root}-fix`, { recursive: true, verbatimSymlinks: true });

          const diff = cli(['--diff', ...targets], root);
          assert.equal(diff.status, 1, diff.stderr);
          const target = `tenant/${form.file}`;
          assert.match(diff.stdout, new RegExp(`^--- a/${target.replace(/\./g, '\\.')}\\n\\+\\+\\+ b/${target.replace(/\./g, '\\.')}\\n`), 'the header names the file the link leads to');
          assert.doesNotMatch(diff.stdout, new RegExp(link.replace(/\./g, '\\.')), 'the link is not named in the diff');
          const lines = diff.stderr.split('\n').filter((line) => line.includes('symbolic link'));
          // A file named through a linked folder, which no other path reaches, is not noted: a folder given through
          // a linked path would otherwise get a line per file.
          const noted = lstatSync(join(root, linkPath)).isSymbolicLink() || walkTarget;
          assert.equal(lines.length, noted ? 1 : 0, diff.stderr);
          if (noted) assert.match(lines[0]!, new RegExp(`^grantlint: '${linkPath.replace(/\./g, '\\.')}' (is a symbolic link to|leads through a symbolic link to) '${target.replace(/\./g, '\\.')}'`));

          writeFileSync(join(root, 'd.patch'), diff.stdout);
          const patch = spawnSync('patch', ['-p1', '-i', 'd.patch'], { cwd: root, encoding: 'utf8' });
          assert.equal(patch.status, 0, patch.stdout + patch.stderr);
          rmSync(join(root, 'd.patch'));
          for (const orig of readdirSync(join(root, 'tenant'), { recursive: true }).map(String).filter((p) => p.endsWith('.orig'))) rmSync(join(root, 'tenant', orig));

          const fix = cli(['--fix', ...targets.map((t) => t)], `${root}-fix`);
          assert.equal(fix.status, 0, fix.stderr);
          assert.deepEqual(regularFiles(root), regularFiles(`${root}-fix`));
          assert.notEqual(readFileSync(join(root, 'tenant', form.file), 'utf8'), form.text, 'the diff changed the file');
          assert.ok(lstatSync(join(root, linkPath)).isSymbolicLink() || lstatSync(join(root, 'tenant', 'aliased')).isSymbolicLink(), 'the link is still a link');
        });
      }
    }
  }

  test('a file reached by no link is not named as one, and its header is its own path', () => {
    const root = mkdtempSync(join(work, 'plain-'));
    write(join(root, 'tenant', FORMS[0]!.file), FORMS[0]!.text);
    const diff = cli(['--diff', 'tenant'], root);
    assert.equal(diff.stderr, '');
    assert.match(diff.stdout, /^--- a\/tenant\/clients\/s\.json\n/);
  });

  test('links out of the tree, to a file and to a folder, are still not followed', () => {
    const root = mkdtempSync(join(work, 'out-'));
    write(join(root, 'outside', 'clients', 's.json'), FORMS[0]!.text);
    mkdirSync(join(root, 'tenant'));
    symlinkSync(join(root, 'outside', 'clients', 's.json'), join(root, 'tenant', 'f.json'));
    symlinkSync(join(root, 'outside', 'clients'), join(root, 'tenant', 'clients'));
    const diff = cli(['--diff', 'tenant'], root);
    assert.equal(diff.stdout, '');
    assert.equal(
      diff.stderr,
      `grantlint: skipped 'tenant/clients': a symbolic link to 'outside/clients', outside the folder walked (links are followed only inside it)\n` +
        `grantlint: skipped 'tenant/f.json': a symbolic link to 'outside/clients/s.json', outside the folder walked (links are followed only inside it)\n` +
        `grantlint: no JSON, YAML or Terraform files in 'tenant'\n`,
    );
    assert.equal(diff.status, 2);
  });
});

describe('a broken symbolic link named like a file to lint is named as skipped', () => {
  for (const name of ['broken.json', 'broken.yaml', 'broken.yml', 'broken.tf', 'broken.tf.json']) {
    test(name, () => {
      const root = mkdtempSync(join(work, 'broken-'));
      write(join(root, 'tenant', 'clients', 's.json'), FORMS[0]!.text);
      symlinkSync(`missing${name.slice(name.indexOf('.'))}`, join(root, 'tenant', 'clients', name));
      // Not named like a file to lint: passed over, as any such entry is.
      symlinkSync('missing.txt', join(root, 'tenant', 'clients', 'notes.txt'));
      for (const args of [['tenant'], ['--diff', 'tenant'], ['--fix', 'tenant']]) {
        const run = cli(args, root);
        const skipped = run.stderr.split('\n').filter((line) => line.includes('skipped'));
        assert.deepEqual(skipped, [`grantlint: skipped 'tenant/clients/${name}': a broken symbolic link to 'missing${name.slice(name.indexOf('.'))}' (no such file)`], args.join(' '));
      }
    });
  }

  test('named too when the folder has nothing else to lint (the run fails for want of files)', () => {
    const root = mkdtempSync(join(work, 'only-broken-'));
    mkdirSync(join(root, 'tenant'));
    symlinkSync('missing.json', join(root, 'tenant', 'broken.json'));
    const run = cli(['tenant'], root);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `grantlint: skipped 'tenant/broken.json': a broken symbolic link to 'missing.json' (no such file)\ngrantlint: no JSON, YAML or Terraform files in 'tenant'\n`);
  });

  test('a link in a loop of links is named with why', () => {
    const root = mkdtempSync(join(work, 'loop-'));
    write(join(root, 'tenant', 'clients', 's.json'), FORMS[0]!.text);
    symlinkSync('b.json', join(root, 'tenant', 'clients', 'a.json'));
    symlinkSync('a.json', join(root, 'tenant', 'clients', 'b.json'));
    const run = cli(['tenant'], root);
    assert.match(run.stderr, /^grantlint: skipped 'tenant\/clients\/a\.json': a broken symbolic link to 'b\.json' \(ELOOP\)\ngrantlint: skipped 'tenant\/clients\/b\.json': a broken symbolic link to 'a\.json' \(ELOOP\)\n/);
  });
});

test('a folder given through a linked path (a checkout beside a linked folder) gets no line per file', () => {
  const root = mkdtempSync(join(work, 'given-'));
  for (let i = 0; i < 3; i++) write(join(root, 'real', 'clients', `c${i}.json`), JSON.stringify({ name: `C${i}`, app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['client_credentials'] }));
  symlinkSync(join(root, 'real'), join(root, 'shared'));
  const run = cli(['--diff', 'shared'], root);
  assert.equal(run.status, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /symbolic link/, run.stderr);
});
