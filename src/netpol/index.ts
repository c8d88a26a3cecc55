/**
 * NetworkPolicy reachability: which workloads and external address ranges may open
 * connections to which, on which protocols and ports, under NetworkPolicies,
 * AdminNetworkPolicies, the BaselineAdminNetworkPolicy, and Ingress/Route exposure.
 */
export { ConnectionSet, PROTOCOLS, MIN_PORT, MAX_PORT, portIntervals, type Protocol, type PortIntervals } from './connections.js';
export { parseCidr, partitionAddressSpace, formatAddressRange, type AddressRange, type AddressIntervals } from './addresses.js';
export { compileSelector, describeSelector, type Selector, type Requirement } from './selectors.js';
export { buildClusterModel, workloadLabel, resolveNamedPort, NAMESPACE_NAME_LABEL, type ClusterModel, type ClusterModelOptions, type Workload, type ContainerPort } from './workloads.js';
export { readPolicies, type PolicySet, type NetworkPolicyModel, type AdminPolicyModel, type PolicyRule, type RulePeer, type RulePorts, type RuleAction } from './policies.js';
export { ReachabilityEngine, INGRESS_CONTROLLER_NAMESPACE, type PeerClass, type EnginePeer, type Direction, type DirectionPolicies, type EngineOptions } from './engine.js';
export { ingressExposure, type IngressExposure } from './ingress.js';
export {
  analyzeReachability,
  listConnections,
  peerName,
  enginePeer,
  INGRESS_CONTROLLER_NAME,
  type ReachabilityAnalysis,
  type Peer,
  type Connection,
  type ConnectionList,
  type FocusOptions,
} from './analysis.js';
export { renderConnlist, renderConnlistText, renderConnlistJson, renderConnlistCsv, renderConnlistMarkdown, renderConnlistDot, isConnlistFormat, CONNLIST_FORMATS, type ConnlistFormat } from './render.js';
export { renderConnectivityHtml } from './html.js';
// The library's name for the shared loader, which the reachability commands use as every command does.
export { loadInputs as loadNetpolInputs } from '../loader/load.js';
export type { NetpolDiagnostic } from './diagnostics.js';
export { explainConnection, resolvePeers, renderExplanationText, renderExplanationJson, type ConnectionExplanation } from './explain.js';
export type { DirectionExplanation, AdminRuleStep, NetworkRuleStep } from './engine.js';
export { diffConnectivity, renderDiff, newAccess, gateViolations, DIFF_FORMATS, DIFF_GATES, type ConnectivityChange, type DiffFormat, type DiffGate, type NewAccess } from './diff.js';
export { openRepository, parseTreePath, readGitManifests, treePathLabel, type GitRepository, type GitTreePath, type GitManifests } from './git.js';
