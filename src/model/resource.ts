import { contentStartLine } from '../loader/parse.js';
import { locateField } from '../yaml/positions.js';
import type { Diagnostic, LoadedDocument } from '../loader/types.js';
import type { Path } from '../yaml/path.js';
import { isClusterScoped } from './scope.js';

/** Any Kubernetes object as plain data. */
export type KubernetesObject = Record<string, unknown> & { apiVersion: string; kind: string };

/** What names a resource: stable across edits that move it in a file. */
export interface ResourceIdentity {
  apiVersion: string;
  kind: string;
  /** Undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string;
}

/** A Kubernetes object found in the input, with where it came from. */
export interface Resource extends ResourceIdentity {
  /** Position of the resource in the scan's resource list. */
  readonly index: number;
  readonly object: KubernetesObject;
  /** The document it was read from. */
  readonly document: LoadedDocument;
  /** Path of the object inside its document: empty, or `items[i]` for members of a List. */
  readonly basePath: Path;
  /** Whether the namespace came from the object itself or from the configured default. */
  readonly namespaceSource: 'object' | 'default' | 'cluster';
  /** For kinds the policy declares as workloads: where their pod template is (`spec.template`). */
  readonly podTemplatePath?: Path;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What `recordOf` gives for anything that is not an object: one shared, frozen empty record. */
const NO_FIELDS: Readonly<Record<string, unknown>> = Object.freeze({});

/** A value as a record to read fields from: an absent or non-object value reads as empty. Never write to the result. */
export function recordOf(value: unknown): Readonly<Record<string, unknown>> {
  return isRecord(value) ? value : NO_FIELDS;
}

/** Whether a value read from a manifest or an option is a list of strings only. */
export function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The strings of a list read from a manifest, other items left out; no list: none. */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Group of an apiVersion (`apps/v1` → `apps`, `v1` → ``): versions change, identity does not. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

function isKubernetesObject(value: unknown): value is KubernetesObject {
  return isRecord(value) && typeof value.apiVersion === 'string' && value.apiVersion !== '' && typeof value.kind === 'string' && value.kind !== '';
}

/** Configuration files of tools around Kubernetes that carry apiVersion and kind but are not cluster objects. */
function isToolConfig(object: KubernetesObject): boolean {
  if (apiGroup(object.apiVersion) === 'kustomize.config.k8s.io' || object.kind === 'Kustomization') return true;
  return object.apiVersion === 'v1' && object.kind === 'Config'; // a kubeconfig file
}

export interface ResourceExtraction {
  resources: Resource[];
  diagnostics: Diagnostic[];
}

function metadataOf(object: KubernetesObject): Record<string, unknown> {
  return isRecord(object.metadata) ? object.metadata : {};
}

/** Name for display and identity; `generateName` objects get a trailing `*`. */
function nameOf(object: KubernetesObject): string {
  const metadata = metadataOf(object);
  if (typeof metadata.name === 'string' && metadata.name !== '') return metadata.name;
  if (typeof metadata.generateName === 'string' && metadata.generateName !== '') return `${metadata.generateName}*`;
  return '<unnamed>';
}

/**
 * Turns parsed documents into resources: expands `List` kinds, skips documents that are
 * not Kubernetes objects (with a note), and fills in the namespace.
 */
export function extractResources(documents: readonly LoadedDocument[], defaultNamespace: string, firstIndex = 0, customWorkloads?: ReadonlyMap<string, Path>): ResourceExtraction {
  const resources: Resource[] = [];
  const diagnostics: Diagnostic[] = [];
  const add = (document: LoadedDocument, object: KubernetesObject, basePath: Path) => {
    const rawNamespace = metadataOf(object).namespace;
    let namespace: string | undefined;
    let namespaceSource: Resource['namespaceSource'];
    if (isClusterScoped(object.kind)) {
      namespace = undefined;
      namespaceSource = 'cluster';
    } else if (typeof rawNamespace === 'string' && rawNamespace !== '') {
      namespace = rawNamespace;
      namespaceSource = 'object';
    } else {
      namespace = defaultNamespace;
      namespaceSource = 'default';
    }
    // One object literal, the optional field added after: a literal that begins with a spread
    // has every later field written the slow way, and every check reads these objects.
    const resource: { -readonly [K in keyof Resource]: Resource[K] } = {
      index: firstIndex + resources.length,
      apiVersion: object.apiVersion,
      kind: object.kind,
      namespace,
      name: nameOf(object),
      object,
      document,
      basePath,
      namespaceSource,
    };
    const podTemplatePath = customWorkloads?.get(object.kind);
    if (podTemplatePath !== undefined) resource.podTemplatePath = podTemplatePath;
    resources.push(resource);
  };
  for (const document of documents) {
    const value = document.value;
    if (!isKubernetesObject(value)) {
      diagnostics.push({
        severity: 'note',
        code: 'not-kubernetes',
        message: 'skipped a document that is not a Kubernetes object (no apiVersion and kind)',
        file: document.file,
        line: contentStartLine(document),
      });
      continue;
    }
    if (isToolConfig(value)) {
      diagnostics.push({
        severity: 'note',
        code: 'not-kubernetes',
        message: `skipped ${value.kind} (${value.apiVersion}): a tool's configuration, not a cluster object`,
        file: document.file,
        line: contentStartLine(document),
      });
      continue;
    }
    if (value.kind === 'List' || (value.kind.endsWith('List') && Array.isArray(value.items))) {
      const items = Array.isArray(value.items) ? value.items : [];
      // `kubectl get pods -o yaml` writes a PodList whose items carry no apiVersion and kind: the list's kind says what they are.
      const elementKind = value.kind === 'List' ? undefined : value.kind.slice(0, -'List'.length);
      items.forEach((item, i) => {
        if (isKubernetesObject(item)) add(document, item, ['items', i]);
        else if (elementKind !== undefined && isRecord(item) && (item.kind === undefined || item.kind === '')) add(document, { ...item, apiVersion: value.apiVersion, kind: elementKind }, ['items', i]);
        else {
          diagnostics.push({
            severity: 'note',
            code: 'not-kubernetes',
            message: `skipped item ${i} of ${value.kind}: not a Kubernetes object (no apiVersion and kind)`,
            file: document.file,
            line: document.startLine,
          });
        }
      });
      continue;
    }
    add(document, value, []);
  }
  return { resources, diagnostics };
}

/** 1-based line where the resource's own content begins (past `---`, comments and directives). */
export function resourceStartLine(resource: Resource): number {
  const document = resource.document;
  if (resource.basePath.length > 0) return locateField(document, resource.basePath)?.line ?? document.startLine;
  return contentStartLine(document);
}
