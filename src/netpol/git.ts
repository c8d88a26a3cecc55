import { execFile, spawn } from 'node:child_process';
import { posix } from 'node:path';
import { BulwarkError } from '../errors/index.js';
import type { SourceText } from '../loader/sources.js';
import { DEFAULT_LIMITS, type Diagnostic, type LoaderLimits } from '../loader/types.js';

/** A directory (or file) of a repository at one revision. */
export interface GitTreePath {
  revision: string;
  /** Path from the repository's root, `''` for all of it. */
  path: string;
}

/** The repository a command runs in: its top directory and where the current directory lies inside it. */
export interface GitRepository {
  root: string;
  /** The current directory relative to the root, `''` at the root, else ending in `/`. */
  prefix: string;
}

/** Manifests read from a revision, named `revision:path` (as `git show` takes them). */
export interface GitManifests {
  sources: SourceText[];
  diagnostics: Diagnostic[];
  /** `main:k8s`, `HEAD~1` (the whole tree): what was read, for messages. */
  label: string;
}

// The same choice of files as when reading a directory from disk (src/loader/sources.ts).
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['node_modules']);
const POLICY_FILES = new Set(['bulwark.yaml', 'bulwark.yml']);

function git(directory: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', directory, ...args], { encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null) reject(Object.assign(error, { stderr: stderr.toString('utf8').trim() }));
      else resolve(stdout);
    });
  });
}

function gitProblem(error: unknown): string {
  const details = error as { code?: unknown; stderr?: string };
  if (details.code === 'ENOENT') return 'the git command is not installed or not on the PATH';
  return details.stderr !== undefined && details.stderr !== '' ? details.stderr.split('\n')[0] as string : String(error);
}

/** Finds the repository that holds a directory. */
export async function openRepository(directory: string): Promise<GitRepository> {
  let output: string;
  try {
    output = (await git(directory, ['rev-parse', '--show-toplevel', '--show-prefix'])).toString('utf8');
  } catch (error) {
    throw new BulwarkError('BULWARK_E_USAGE', `--git needs a git repository: ${gitProblem(error)}`, 'Run the command inside a clone of the repository, or name it with --repo.');
  }
  const [root = '', prefix = ''] = output.split('\n');
  if (root === '') throw new BulwarkError('BULWARK_E_USAGE', `--git needs a working tree: ${directory} is inside a bare repository`, 'Run the command inside a clone of the repository, or name it with --repo.');
  return { root, prefix };
}

/** A path from the repository's root, refused when it leads outside. */
function fromRoot(path: string, base: string): string {
  const joined = posix.normalize(posix.join(base, path.replaceAll('\\', '/')));
  if (joined === '..' || joined.startsWith('../')) throw new BulwarkError('BULWARK_E_USAGE', `${path} lies outside the repository`);
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/**
 * Reads a command-line revision: `REV`, or `REV:PATH` as `git show` takes it (PATH from the
 * repository's root, or from the current directory when it starts with `./` or `../`).
 * Without `:PATH`, `path` (from the current directory, as git reads paths; default: the
 * current directory) says what to read.
 */
export function parseTreePath(text: string, path: string | undefined, repository: GitRepository): GitTreePath {
  const colon = text.indexOf(':');
  const revision = colon < 0 ? text : text.slice(0, colon);
  if (revision === '' || revision.startsWith('-')) throw new BulwarkError('BULWARK_E_USAGE', `"${text}" does not name a revision`, 'Give a branch, tag or commit, optionally followed by :path (main, HEAD~1:k8s, v1.2.0:deploy/prod).');
  if (colon >= 0) {
    const inRevision = text.slice(colon + 1);
    const relative = inRevision === '.' || inRevision.startsWith('./') || inRevision.startsWith('../');
    return { revision, path: fromRoot(inRevision, relative ? repository.prefix : '') };
  }
  return { revision, path: fromRoot(path ?? '.', repository.prefix) };
}

/** `main:k8s`, or just the revision for the whole tree. */
export function treePathLabel(tree: GitTreePath): string {
  return tree.path === '' ? tree.revision : `${tree.revision}:${tree.path}`;
}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  size: number;
  path: string;
}

/** `git ls-tree -r -z -l` output: `<mode> <type> <object> <size>\t<path>\0` per entry. */
function parseTree(output: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', object = '', size = ''] = record.slice(0, tab).split(/ +/);
    entries.push({ mode, type, object, size: Number.parseInt(size, 10), path: record.slice(tab + 1) });
  }
  return entries;
}

/** Whether a file below the directory read is a manifest, as a directory walk on disk would choose it. */
function isManifest(entry: TreeEntry, directory: string): boolean {
  // A symbolic link's blob is its target's name; submodules are other repositories.
  if (entry.type !== 'blob' || entry.mode === '120000') return false;
  if (entry.path === directory) return true;
  const below = directory === '' ? entry.path : entry.path.slice(directory.length + 1);
  const segments = below.split('/');
  const name = segments.pop() as string;
  if (segments.some((segment) => segment.startsWith('.') || SKIPPED_DIRECTORIES.has(segment))) return false;
  return !POLICY_FILES.has(name) && MANIFEST_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension));
}

/** The contents of blobs, read through one `git cat-file --batch`. */
function readBlobs(root: string, objects: readonly string[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let problem = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (problem += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(Object.assign(new Error(`git cat-file exited with ${code}`), { stderr: problem.trim() }));
      // Each answer: `<object> <type> <size>\n<contents>\n`.
      const output = Buffer.concat(chunks);
      const blobs: Buffer[] = [];
      let offset = 0;
      for (let i = 0; i < objects.length; i++) {
        const newline = output.indexOf(0x0a, offset);
        const header = output.subarray(offset, newline).toString('utf8').split(' ');
        const size = Number.parseInt(header[2] ?? '', 10);
        if (newline < 0 || !Number.isInteger(size)) return reject(new Error(`git cat-file: unexpected answer "${header.join(' ')}"`));
        blobs.push(output.subarray(newline + 1, newline + 1 + size));
        offset = newline + 1 + size + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(objects.map((object) => `${object}\n`).join(''));
  });
}

function decode(bytes: Buffer): string {
  // As files read from disk: UTF-16 with a byte order mark, else UTF-8.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return bytes.toString('utf8');
}

/**
 * Reads the manifests of a directory (or one file) at a revision of the repository, without
 * touching the working tree: the files a directory walk would read (`.yaml`, `.yml`, `.json`,
 * not in hidden folders or node_modules, not bulwark.yaml), each named `revision:path`.
 * An unknown revision is a usage error; a path with no manifest at that revision, a
 * diagnostic.
 */
export async function readGitManifests(repository: GitRepository, tree: GitTreePath, limits: LoaderLimits = DEFAULT_LIMITS): Promise<GitManifests> {
  const label = treePathLabel(tree);
  try {
    await git(repository.root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${tree.revision}^{commit}`]);
  } catch {
    throw new BulwarkError('BULWARK_E_USAGE', `unknown revision "${tree.revision}"`, 'Give a branch, tag or commit of the repository (git fetch it first if it lives on a remote).');
  }
  const listing = parseTree(await git(repository.root, ['ls-tree', '-r', '-z', '-l', '--full-tree', tree.revision, '--', ...(tree.path === '' ? [] : [tree.path])]));
  const diagnostics: Diagnostic[] = [];
  const wanted: TreeEntry[] = [];
  for (const entry of listing.filter((candidate) => isManifest(candidate, tree.path))) {
    const file = `${tree.revision}:${entry.path}`;
    if (entry.size > limits.maxFileBytes) diagnostics.push({ severity: 'error', code: 'file-too-large', message: `${file} is ${entry.size} bytes, over the limit of ${limits.maxFileBytes}; it was not read`, file });
    else wanted.push(entry);
  }
  if (listing.length === 0) diagnostics.push({ severity: 'error', code: 'unreadable', message: `cannot read ${label}: no such path at ${tree.revision}`, file: label });
  let blobs: Buffer[];
  try {
    blobs = wanted.length === 0 ? [] : await readBlobs(repository.root, wanted.map((entry) => entry.object));
  } catch (error) {
    throw new BulwarkError('BULWARK_E_INPUT', `cannot read ${label}: ${gitProblem(error)}`);
  }
  return { sources: wanted.map((entry, index) => ({ file: `${tree.revision}:${entry.path}`, text: decode(blobs[index] as Buffer) })), diagnostics, label };
}
