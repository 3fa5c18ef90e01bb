/**
 * Generated `.gitignore`-style `ignore` lists and trees of files, with what git itself leaves out of them
 * (`git ls-files --others` in a temporary repository): the oracle the config's `ignore` is held to. Trees hold nested
 * folders, names with spaces, dots, a leading `#` or `!`, a folder and a file of one name; lists hold plain and
 * wildcard names, anchored and `**` paths, trailing `/`, negations with and without a slash, comments, blank lines,
 * unescaped trailing spaces and `\#`, `\!`, `\ ` escapes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';

const FOLDERS = ['a', 'b c', '.d', 'sub', 'x.y', 'yaml', 'deep', 'sp ', '#h', '!e', 'conf.yaml'];
const FILES = ['tenant.yaml', 'a.json', 'b c.json', '.hidden.yml', 'main.tf', 'x.tf.json', '#c.json', '!n.yaml', 'conf.yaml', 'sub.json'];

/** Pattern bodies: names (escaped where git needs it), wildcards, and paths with and without `**`. */
const BODIES = [
  'a', 'b c', '.d', 'sub', 'x.y', 'yaml', 'deep', 'sp\\ ', '\\#h', '\\!e', 'conf.yaml',
  'tenant.yaml', 'a.json', 'b c.json', '.hidden.yml', 'main.tf', 'x.tf.json', '\\#c.json', '\\!n.yaml', 'sub.json',
  '*', '*.json', '*.yaml', '*.y*ml', 't*', '?.json', '.*', '*.tf*', '[ab]*', 'b?c', 'sp*',
  'a/sub', 'sub/tenant.yaml', 'deep/a', 'a/*', '*/tenant.yaml', '**/sub', 'sub/**', 'a/**/tenant.yaml', '**/*.json',
  'deep/**/x.y', 'yaml/conf.yaml', 'b c/a.json', '**', 'a/**', '**/a.json', 'sp /a.json',
];

/** One line of an `ignore` list: a body with its modifiers, a comment, or a blank line. */
const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ body: fc.constantFrom(...BODIES), negated: fc.boolean(), leading: fc.boolean(), trailing: fc.boolean(), spaces: fc.nat(2) }).map(({ body, negated, leading, trailing, spaces }) => `${negated ? '!' : ''}${leading ? '/' : ''}${body}${trailing && !body.endsWith('\\ ') ? '/' : ''}${' '.repeat(spaces)}`) },
  { weight: 1, arbitrary: fc.constantFrom('#a.json', '# tenant.yaml', '#*', '', '   ') },
);

/** An `ignore` list of one to five lines. */
export const ignoreList: fc.Arbitrary<string[]> = fc.array(line, { minLength: 1, maxLength: 5 });

/** A tree of lintable files (paths relative to its root), none of them also a folder. */
export const fileTree: fc.Arbitrary<string[]> = fc
  .uniqueArray(fc.tuple(fc.array(fc.constantFrom(...FOLDERS), { maxLength: 3 }), fc.constantFrom(...FILES)).map(([folders, file]) => [...folders, file].join('/')), { minLength: 1, maxLength: 14 })
  .map((paths) => paths.filter((path) => !paths.some((other) => other.startsWith(`${path}/`))).sort());

/** A client with a finding (implicit-grant) in the form each file name's kind reads. */
export function clientText(path: string): string {
  if (path.endsWith('.tf.json')) return JSON.stringify({ resource: { auth0_client: { web: { name: 'Web', app_type: 'regular_web', grant_types: ['authorization_code', 'implicit'] } } } });
  if (path.endsWith('.tf')) return 'resource "auth0_client" "web" {\n  name        = "Web"\n  app_type    = "regular_web"\n  grant_types = ["authorization_code", "implicit"]\n}\n';
  if (path.endsWith('.json')) return '{ "name": "Web", "app_type": "regular_web", "grant_types": ["authorization_code", "implicit"] }\n';
  return 'clients:\n  - name: Web\n    app_type: regular_web\n    grant_types: [authorization_code, implicit]\n';
}

/** Writes `files` (relative paths) under `dir`, each holding a client. */
export function writeTree(dir: string, files: readonly string[]): void {
  for (const path of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), clientText(path));
  }
}

/**
 * The files of `files` that git does not ignore under a `.gitignore` of `lines` (one per line), sorted: a repository
 * is made in `dir` (a new folder) and asked with `git ls-files --others`, reading that .gitignore only.
 */
export function gitKeeps(dir: string, files: readonly string[], lines: readonly string[]): string[] {
  mkdirSync(dir, { recursive: true });
  writeTree(dir, files);
  writeFileSync(join(dir, '.gitignore'), lines.map((l) => `${l}\n`).join(''));
  const git = (args: readonly string[]) => {
    const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
  };
  git(['init', '-q']);
  const listed = git(['ls-files', '--others', '--exclude-per-directory=.gitignore', '-z']).split('\0');
  const wanted = new Set(files);
  return listed.filter((path) => wanted.has(path)).sort();
}
