import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, LoaderLimits } from './types.js';

/** A text to scan: a file's contents or standard input. */
export interface SourceText {
  /** The name findings use: the path as given (joined for files found in directories) or `<stdin>`. */
  file: string;
  text: string;
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Bulwark's own policy files sit beside manifests; they are configuration, not input. */
const POLICY_FILES = new Set(['bulwark.yaml', 'bulwark.yml']);

export interface SourceListing {
  files: string[];
  diagnostics: Diagnostic[];
}

/**
 * Expands inputs into the files to read: files as given, directories walked recursively
 * for `.yaml`, `.yml` and `.json` (in sorted order, skipping hidden folders,
 * node_modules and bulwark.yaml policy files, following links without looping). `-` stands for standard input.
 */
export async function listSources(inputs: readonly string[]): Promise<SourceListing> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<string>();
  // Listing is synchronous, like the reads: each call is far shorter than a trip to the thread pool.
  const walk = (directory: string): void => {
    let real: string;
    try {
      real = realpathSync(directory);
    } catch (error) {
      diagnostics.push(unreadable(directory, error));
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      diagnostics.push(unreadable(directory, error));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link in a directory is not an input the user named
        }
      }
      if (isDirectory) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (isFile && !POLICY_FILES.has(entry.name) && MANIFEST_EXTENSIONS.some((extension) => entry.name.toLowerCase().endsWith(extension))) {
        files.push(path);
      }
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    let info;
    try {
      info = statSync(input);
    } catch (error) {
      diagnostics.push(unreadable(input, error));
      continue;
    }
    if (info.isDirectory()) walk(input);
    else files.push(input);
  }
  return { files, diagnostics };
}

function unreadable(file: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
  return { severity: 'error', code: 'unreadable', message: `cannot read ${file}: ${reason}`, file };
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Reads one source; a diagnostic instead of a text when it cannot be read or is too large. */
export async function readSource(file: string, limits: LoaderLimits, stdin: NodeJS.ReadableStream = process.stdin): Promise<SourceText | Diagnostic> {
  try {
    if (file === '-') {
      const bytes = await readStdin(stdin);
      if (bytes.length > limits.maxFileBytes) return tooLarge('<stdin>', bytes.length, limits);
      return { file: '<stdin>', text: decode(bytes) };
    }
    const info = statSync(file);
    if (info.size > limits.maxFileBytes) return tooLarge(file, info.size, limits);
    // A regular file is read in one blocking call: that takes a fraction of the time its parse
    // holds the thread anyway, while an asynchronous read is several trips to the thread pool,
    // each waiting for the parser to yield (about 1 ms a file). Pipes and devices
    // (`<(helm template …)`) are read asynchronously: their writer may take its time.
    return { file, text: decode(info.isFile() ? readFileSync(file) : await readFile(file)) };
  } catch (error) {
    return unreadable(file, error);
  }
}

function tooLarge(file: string, size: number, limits: LoaderLimits): Diagnostic {
  return { severity: 'error', code: 'file-too-large', message: `${file} is ${size} bytes, over the limit of ${limits.maxFileBytes}; it was not read`, file };
}

function decode(bytes: Buffer): string {
  // UTF-16 files carry a BOM; anything else is read as UTF-8 (the BOM, if any, is dropped by the parser).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return bytes.toString('utf8');
}
