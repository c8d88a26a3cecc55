import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import type { Path } from './path.js';

let yamlModule: typeof YamlModule | undefined;

/** The full YAML parser is loaded only when a document needs it: it is large and slow to import. */
function loadYaml(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return yamlModule;
}

/** A composed document kept for repeated look-ups in the same document. */
export interface ComposedDocument {
  document: YamlModule.Document.Parsed;
}

export function composeDocument(text: string): ComposedDocument {
  const yaml = loadYaml();
  return { document: yaml.parseDocument(text, { version: '1.1', uniqueKeys: false, keepSourceTokens: false }) };
}

/**
 * Offsets of each segment of `path` that can be found in the composed document: the key
 * for mapping entries, the item for sequence entries. Stops at the first segment it
 * cannot follow (through an alias or a merge key, for example).
 */
export function locateInComposed(composed: ComposedDocument, path: Path): number[] {
  const yaml = loadYaml();
  const offsets: number[] = [];
  let node: unknown = composed.document.contents;
  for (const segment of path) {
    while (yaml.isAlias(node)) node = node.resolve(composed.document);
    if (typeof segment === 'number') {
      if (!yaml.isSeq(node)) break;
      const item = node.items[segment] as YamlModule.Node | undefined;
      const offset = item?.range?.[0];
      if (item === undefined || offset === undefined) break;
      offsets.push(offset);
      node = item;
    } else {
      if (!yaml.isMap(node)) break;
      const pair = node.items.find((candidate) => {
        const key: unknown = candidate.key;
        return yaml.isScalar(key) ? String(key.value) === segment : key === segment;
      });
      const key = pair?.key as YamlModule.Node | undefined;
      const offset = key?.range?.[0];
      if (pair === undefined || offset === undefined) break;
      offsets.push(offset);
      node = pair.value;
    }
  }
  return offsets;
}
