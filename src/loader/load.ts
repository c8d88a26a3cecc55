import { extractResources, type Resource } from '../model/resource.js';
import type { Path } from '../yaml/path.js';
import { parseSource } from './parse.js';
import { listSources, readSource, type SourceText } from './sources.js';
import { DEFAULT_LIMITS, type Diagnostic, type LoaderLimits } from './types.js';

export interface LoadOptions {
  /** Files and directories to read; `-` reads standard input. */
  paths?: readonly string[];
  /** Texts to load as they are, in addition to `paths`. */
  sources?: readonly SourceText[];
  /** Namespace for namespaced objects that name none. Default `default`. */
  defaultNamespace?: string;
  limits?: Partial<LoaderLimits>;
  /** Standard input stream, for `-`. */
  stdin?: NodeJS.ReadableStream;
  /** Called after each file is loaded. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Custom kinds that run pods, with the path of their pod template (`spec.template`). */
  customWorkloads?: ReadonlyMap<string, Path>;
}

/** Everything read from the inputs: resources with their documents, and what went wrong. */
export interface LoadedInputs {
  resources: Resource[];
  diagnostics: Diagnostic[];
  /** Source texts by file name, for code frames. */
  sources: Map<string, string>;
  files: number;
  documents: number;
}

/**
 * Reads and parses every input into resources. Never throws on bad input: unreadable files
 * and broken documents become diagnostics, and the rest still loads.
 */
export async function loadInputs(options: LoadOptions): Promise<LoadedInputs> {
  const limits: LoaderLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const loaded: LoadedInputs = { resources: [], diagnostics: [], sources: new Map(), files: 0, documents: 0 };
  const ingest = (source: SourceText) => {
    loaded.files++;
    loaded.sources.set(source.file, source.text);
    const parsed = parseSource(source.file, source.text, limits);
    loaded.diagnostics.push(...parsed.diagnostics);
    loaded.documents += parsed.documents.length;
    const extracted = extractResources(parsed.documents, defaultNamespace, loaded.resources.length, options.customWorkloads);
    loaded.resources.push(...extracted.resources);
    loaded.diagnostics.push(...extracted.diagnostics);
  };
  for (const source of options.sources ?? []) ingest(source);
  if (options.paths !== undefined && options.paths.length > 0) {
    const listing = await listSources(options.paths);
    loaded.diagnostics.push(...listing.diagnostics);
    const files = listing.files;
    for (let index = 0; index < files.length; index++) {
      const file = files[index] as string;
      // readSource never rejects: a file it cannot read comes back as a diagnostic.
      const read = await readSource(file, limits, options.stdin);
      if ('severity' in read) loaded.diagnostics.push(read);
      else ingest(read);
      options.onProgress?.(index + 1, files.length, file);
    }
  }
  return loaded;
}
