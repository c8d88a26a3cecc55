import { analyzeReachability, listConnections, type FocusOptions, type ReachabilityAnalysis } from './analysis.js';
import { loadInputs } from '../loader/load.js';
import { renderConnlistText } from './render.js';

/** Analyses manifests given as YAML text (for tests and examples). */
export async function analyzeYaml(yaml: string, file = 'input.yaml'): Promise<ReachabilityAnalysis> {
  const loaded = await loadInputs({ sources: [{ file, text: yaml }] });
  return analyzeReachability(loaded.resources);
}

/** The connectivity report of YAML manifests, one `src => dst : conns` line per connection. */
export async function connlistOf(yaml: string, focus: FocusOptions = {}): Promise<string[]> {
  const analysis = await analyzeYaml(yaml);
  return renderConnlistText(listConnections(analysis, focus)).split('\n').filter((line) => line !== '');
}
