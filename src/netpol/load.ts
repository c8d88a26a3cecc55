import { parseSource } from '../loader/parse.js';
import { listSources, readSource, type SourceText } from '../loader/sources.js';
import { DEFAULT_LIMITS, type LoadedDocument, type LoaderLimits } from '../loader/types.js';
import type { LoadedInputs, LoadOptions } from '../loader/load.js';
import { extractResources, isRecord } from '../model/resource.js';

/**
 * `kubectl get pods -o yaml` writes a `PodList` whose items carry no `apiVersion` and `kind`
 * of their own. The list's kind says what they are: give each item the element kind
 * (`PodList` → `Pod`) and the list's apiVersion, so they load as objects.
 */
export function typeListItems(document: LoadedDocument): LoadedDocument {
  const value = document.value;
  if (!isRecord(value) || typeof value.kind !== 'string' || !value.kind.endsWith('List') || value.kind === 'List' || !Array.isArray(value.items)) return document;
  const kind = value.kind.slice(0, -'List'.length);
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : 'v1';
  let changed = false;
  const items = value.items.map((item: unknown) => {
    if (!isRecord(item) || (typeof item.kind === 'string' && item.kind !== '')) return item;
    changed = true;
    return { apiVersion, kind, ...item };
  });
  return changed ? { ...document, value: { ...value, items } } : document;
}

/**
 * Reads inputs as the shared loader does, and also loads the kind-less items of typed lists
 * (`PodList`, `NamespaceList`, …) that cluster dumps contain.
 */
export async function loadNetpolInputs(options: LoadOptions): Promise<LoadedInputs> {
  const limits: LoaderLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const loaded: LoadedInputs = { resources: [], diagnostics: [], sources: new Map(), files: 0, documents: 0 };
  const ingest = (source: SourceText) => {
    loaded.files++;
    loaded.sources.set(source.file, source.text);
    const parsed = parseSource(source.file, source.text, limits);
    loaded.diagnostics.push(...parsed.diagnostics);
    loaded.documents += parsed.documents.length;
    const extracted = extractResources(parsed.documents.map(typeListItems), defaultNamespace, loaded.resources.length, options.customWorkloads);
    loaded.resources.push(...extracted.resources);
    loaded.diagnostics.push(...extracted.diagnostics);
  };
  for (const source of options.sources ?? []) ingest(source);
  if (options.paths !== undefined && options.paths.length > 0) {
    const listing = await listSources(options.paths);
    loaded.diagnostics.push(...listing.diagnostics);
    let done = 0;
    for (const file of listing.files) {
      const read = await readSource(file, limits, options.stdin);
      if ('severity' in read) loaded.diagnostics.push(read);
      else ingest(read);
      options.onProgress?.(++done, listing.files.length, file);
    }
  }
  return loaded;
}
