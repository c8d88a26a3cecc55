import type { Command } from 'commander';
import { BulwarkError } from '../errors/index.js';
import { loadInputs } from '../loader/load.js';
import type { SourceText } from '../loader/sources.js';
import type { Diagnostic } from '../loader/types.js';
import { resourceStartLine } from '../model/resource.js';
import { existingPrefix } from '../yaml/path.js';
import { locateField } from '../yaml/positions.js';
import {
  analyzeReachability,
  CONNLIST_FORMATS,
  DIFF_FORMATS,
  DIFF_GATES,
  diffConnectivity,
  explainConnection,
  gateViolations,
  isConnlistFormat,
  listConnections,
  newAccess,
  openRepository,
  parseTreePath,
  peerName,
  readGitManifests,
  renderConnlist,
  renderDiff,
  renderExplanationJson,
  renderExplanationText,
  resolvePeers,
  type FocusOptions,
  type NetpolDiagnostic,
  type ReachabilityAnalysis,
} from '../netpol/index.js';
import { requireTextOrJson } from './checks.js';
import { commaList, collect } from './flags.js';
import { EXIT, reportInputErrors, writeOutputFile, type CliIo } from './io.js';

interface InputFlags {
  defaultNamespace: string;
}

interface ListFlags extends InputFlags {
  format: string;
  output?: string;
  focusWorkload?: string[];
  focusWorkloadPeer?: string[];
  focusDirection?: string;
}

/** ` (file:line)` of the field a diagnostic is about, else of its object. */
function where(diagnostic: NetpolDiagnostic): string {
  const resource = diagnostic.resource;
  if (resource === undefined) return '';
  const field = diagnostic.path === undefined ? undefined : locateField(resource.document, [...resource.basePath, ...existingPrefix(resource.object, diagnostic.path)]);
  return ` (${resource.document.file}:${field?.line ?? resourceStartLine(resource)})`;
}

/** What to analyse: files and directories (or `-`), or texts already read, such as files of a git revision, with the problems met reading them. */
type Inputs = readonly string[] | { sources: SourceText[]; diagnostics: Diagnostic[] };

/**
 * Loads and analyses the inputs. Input problems and analysis warnings go to standard error;
 * `readable` is false when no Kubernetes object could be read at all.
 */
async function analyse(inputs: Inputs, flags: InputFlags, io: CliIo, label = ''): Promise<{ analysis: ReachabilityAnalysis; readable: boolean; report: () => void }> {
  const fromFiles = Array.isArray(inputs);
  if (fromFiles && inputs.length === 0) throw new BulwarkError('BULWARK_E_USAGE', 'no input: name files or directories of manifests, or - for standard input');
  const loaded = fromFiles
    ? await loadInputs({ paths: inputs as readonly string[], defaultNamespace: flags.defaultNamespace, stdin: io.stdin })
    : await loadInputs({ sources: (inputs as { sources: SourceText[] }).sources, defaultNamespace: flags.defaultNamespace });
  if (!fromFiles) loaded.diagnostics.unshift(...(inputs as { diagnostics: Diagnostic[] }).diagnostics);
  reportInputErrors(io, loaded.diagnostics);
  const analysis = analyzeReachability(loaded.resources);
  const readable = loaded.resources.length > 0;
  if (!readable) io.stderr.write(`bulwark: the result cannot be trusted: no Kubernetes object could be read from ${label === '' ? 'the input' : label}\n`);
  // Warnings found while computing come after the output; report them once, at the end.
  const report = () => {
    for (const diagnostic of analysis.diagnostics) io.stderr.write(`bulwark: ${label === '' ? '' : `${label}: `}${diagnostic.severity}: ${diagnostic.message}${where(diagnostic)}\n`);
  };
  return { analysis, readable, report };
}

async function emit(text: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) io.stdout.write(text);
  else await writeOutputFile(output, text, io);
}

function focusOf(flags: ListFlags): FocusOptions {
  const direction = flags.focusDirection;
  if (direction !== undefined && direction !== 'ingress' && direction !== 'egress') throw new BulwarkError('BULWARK_E_USAGE', `--focus-direction must be ingress or egress, not "${direction}"`);
  if ((flags.focusWorkloadPeer !== undefined || direction !== undefined) && flags.focusWorkload === undefined) {
    throw new BulwarkError('BULWARK_E_USAGE', '--focus-workload-peer and --focus-direction go with --focus-workload');
  }
  return {
    ...(flags.focusWorkload !== undefined ? { workloads: commaList(flags.focusWorkload) } : {}),
    ...(flags.focusWorkloadPeer !== undefined ? { peers: commaList(flags.focusWorkloadPeer) } : {}),
    ...(direction !== undefined ? { direction } : {}),
  };
}

/**
 * `bulwark netpol …`: what NetworkPolicies, AdminNetworkPolicies, the
 * BaselineAdminNetworkPolicy and Ingress/Route objects let through. Results go to standard
 * output (or `--output`), problems to standard error; exit 2 for usage errors, 3 when no
 * object could be read.
 */
export function registerNetpolCommands(program: Command, io: CliIo, state: { exitCode: number }): void {
  const netpol = program.command('netpol').description('network reachability under NetworkPolicies, AdminNetworkPolicies and Ingress/Route exposure');

  netpol
    .command('list')
    .description('every allowed connection between workloads and external address ranges, with its protocols and ports')
    .argument('[paths...]', 'files or directories of manifests; - reads standard input')
    .option('-f, --format <format>', CONNLIST_FORMATS.join(', '), 'txt')
    .option('-o, --output <file>', 'write the report to FILE instead of standard output')
    .option('--focus-workload <name>', 'only connections of this workload: name or namespace/name (repeatable, comma-separated)', collect)
    .option('--focus-workload-peer <name>', 'with --focus-workload: only connections with this peer on the other end (repeatable)', collect)
    .option('--focus-direction <direction>', 'with --focus-workload: ingress (into it) or egress (out of it) only')
    .option('--default-namespace <namespace>', 'namespace for objects that name none', 'default')
    .action(async (paths: string[], flags: ListFlags) => {
      if (!isConnlistFormat(flags.format)) throw new BulwarkError('BULWARK_E_UNKNOWN_FORMAT', `unknown format "${flags.format}" for bulwark netpol list`, `Use one of: ${CONNLIST_FORMATS.join(', ')}.`);
      const focus = focusOf(flags);
      const { analysis, readable, report } = await analyse(paths, flags, io);
      const list = listConnections(analysis, focus);
      await emit(renderConnlist(list, flags.format, `Network reachability: ${paths.join(' ')}`), flags.output, io);
      report();
      state.exitCode = readable ? EXIT.clean : EXIT.untrusted;
    });

  netpol
    .command('explain')
    .description('why connections from one peer to another are allowed or denied: the admin policies, NetworkPolicies and rules that decide each direction')
    .requiredOption('--src <peer>', 'source: a workload (name or namespace/name), ingress-controller, or an IP address or CIDR')
    .requiredOption('--dst <peer>', 'destination: a workload, or an IP address or CIDR')
    .argument('[paths...]', 'files or directories of manifests; - reads standard input')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('--default-namespace <namespace>', 'namespace for objects that name none', 'default')
    .action(async (paths: string[], flags: InputFlags & { src: string; dst: string; format: string }) => {
      const format = requireTextOrJson(flags.format);
      const { analysis, readable, report } = await analyse(paths, flags, io);
      const explanations = [];
      for (const source of resolvePeers(analysis, flags.src, 'source')) {
        for (const destination of resolvePeers(analysis, flags.dst, 'destination')) {
          if (source.kind === 'range' && destination.kind === 'range') throw new BulwarkError('BULWARK_E_USAGE', 'at least one of --src and --dst must be a workload');
          if (peerName(source) !== peerName(destination)) explanations.push(explainConnection(analysis, source, destination));
        }
      }
      io.stdout.write(format === 'json' ? renderExplanationJson(explanations) : renderExplanationText(explanations));
      report();
      state.exitCode = readable ? EXIT.clean : EXIT.untrusted;
    });

  netpol
    .command('diff')
    .description('connections added, removed or changed between two versions of the manifests; exit 1 when the new version opens access the gate forbids')
    .argument('<before>', 'file or directory of the old manifests; with --git, a revision (REV or REV:PATH)')
    .argument('<after>', 'file or directory of the new manifests; with --git, a revision (REV or REV:PATH)')
    .argument('[path]', 'with --git: the directory or file to read at both revisions, from the current directory (default: the current directory)')
    .option('-f, --format <format>', DIFF_FORMATS.join(', '), 'txt')
    .option('--fail-on <gate>', 'external: new connections from or to outside the cluster; cross-namespace: those and new connections between namespaces; any: every new connection; none', 'cross-namespace')
    .option('--git', 'read <before> and <after> as revisions of the git repository, not from the working tree; REV:PATH takes PATH from the repository root, as git show does')
    .option('--repo <dir>', 'with --git: a directory of the repository to read (default: the current directory)')
    .option('--default-namespace <namespace>', 'namespace for objects that name none', 'default')
    .action(async (before: string, after: string, path: string | undefined, flags: InputFlags & { format: string; failOn: string; git?: boolean; repo?: string }) => {
      const format = DIFF_FORMATS.find((candidate) => candidate === flags.format);
      if (format === undefined) throw new BulwarkError('BULWARK_E_UNKNOWN_FORMAT', `unknown format "${flags.format}" for bulwark netpol diff`, `Use one of: ${DIFF_FORMATS.join(', ')}.`);
      const gate = DIFF_GATES.find((candidate) => candidate === flags.failOn);
      if (gate === undefined) throw new BulwarkError('BULWARK_E_USAGE', `--fail-on must be one of ${DIFF_GATES.join(', ')}, not "${flags.failOn}"`);
      if (flags.git !== true && (path !== undefined || flags.repo !== undefined)) {
        throw new BulwarkError('BULWARK_E_USAGE', path !== undefined ? `a third argument (${path}) goes with --git` : '--repo goes with --git', 'Compare two files or directories, or two revisions with --git: bulwark netpol diff --git main HEAD k8s/');
      }
      let inputs: [Inputs, Inputs] = [[before], [after]];
      if (flags.git === true) {
        const repository = await openRepository(flags.repo ?? process.cwd());
        const read = async (text: string) => readGitManifests(repository, parseTreePath(text, path, repository));
        inputs = [await read(before), await read(after)];
      }
      const old = await analyse(inputs[0], flags, io, 'before');
      const current = await analyse(inputs[1], flags, io, 'after');
      const changes = diffConnectivity(listConnections(old.analysis), listConnections(current.analysis));
      io.stdout.write(renderDiff(changes, format));
      old.report();
      current.report();
      if (changes.length === 0) io.stderr.write('bulwark: no connectivity changes\n');
      const violations = gateViolations(newAccess(changes), gate);
      for (const violation of violations) {
        const where = { external: 'crossing the cluster boundary', 'cross-namespace': 'between namespaces', 'same-namespace': 'within a namespace' }[violation.reason];
        io.stderr.write(`bulwark: new access ${where}: ${peerName(violation.change.source)} => ${peerName(violation.change.destination)} : ${violation.gained.toString()}\n`);
      }
      if (!old.readable || !current.readable) state.exitCode = EXIT.untrusted;
      else state.exitCode = violations.length > 0 ? EXIT.findings : EXIT.clean;
    });
}
