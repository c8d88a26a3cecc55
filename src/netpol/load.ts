import { loadInputs, type LoadedInputs, type LoadOptions } from '../loader/load.js';

/**
 * Reads inputs for the reachability commands. The shared loader also types the kind-less items of
 * typed lists (`PodList`, `NamespaceList`, …) that cluster dumps contain.
 */
export function loadNetpolInputs(options: LoadOptions): Promise<LoadedInputs> {
  return loadInputs(options);
}
