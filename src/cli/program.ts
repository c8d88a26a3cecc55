import { Command, CommanderError, Option } from 'commander';
import { BUILTIN_CHECKS, findCheck } from '../checks/index.js';
import { BulwarkError } from '../errors/index.js';
import { createBaseline, readBaseline } from '../findings/baseline.js';
import { SEVERITIES } from '../findings/types.js';
import { FRAMEWORK_NAMES, isFrameworkName } from '../frameworks/compliance.js';
import { checkPodSecurity, isPssLevel, parsePssVersion, renderPss, type PssLevel, type PssRunOptions } from '../pss/index.js';
import { loadInputs } from '../loader/load.js';
import { auditExceptions, renderAudit } from '../policy/audit.js';
import { explainPolicy, renderExplanation } from '../policy/explain.js';
import { findPolicyFile, loadPolicy } from '../policy/load.js';
import { namespaceLabelsOf } from '../policy/match.js';
import { PolicyResolver } from '../policy/resolve.js';
import type { LoadedPolicy } from '../policy/types.js';
import { renderReport } from '../report/index.js';
import { catalogueOf, scan, type ScanOptions, type ScanResult } from '../scan.js';
import { VERSION } from '../version.js';
import { explainCheck, listChecks, requireTextOrJson } from './checks.js';
import { registerGateCommand } from './gate.js';
import { registerNetpolCommands } from './netpol.js';
import { registerRbacCommands } from './rbac.js';
import { registerServeCommands } from './serve.js';
import { collect, parseCheckList, parseFailOn } from './flags.js';
import { EXIT, useColor, writeOutputFile, type CliIo } from './io.js';
import { pairOutputs, type OutputToken } from './outputs.js';
import { progressReporter } from './progress.js';

export { EXIT, useColor, type CliIo } from './io.js';

const defaultIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });

async function writeOutputs(result: ScanResult, tokens: readonly OutputToken[], io: CliIo): Promise<void> {
  for (const target of pairOutputs(tokens)) {
    const text = renderReport(result, target.format, { color: target.file === undefined && target.format === 'text' && useColor(io, io.stdout) });
    if (target.file === undefined) io.stdout.write(text);
    else await writeOutputFile(target.file, text, io, `${target.format} report to ${target.file}`);
  }
}

interface ScanFlags {
  failOn?: string;
  config?: string | false;
  cluster?: string;
  now?: string;
  framework?: string;
  baseline?: string;
  checks?: string[];
  namespace: string;
  policy?: string[];
}

async function scanOptions(paths: string[], flags: ScanFlags, io: CliIo): Promise<ScanOptions> {
  if (paths.length === 0) throw new BulwarkError('BULWARK_E_USAGE', 'no input: name files or directories to scan, or - for standard input');
  const options: ScanOptions = { paths, defaultNamespace: flags.namespace, stdin: io.stdin };
  if (flags.failOn !== undefined) options.failOn = parseFailOn(flags.failOn);
  const policy = policyFor(paths, flags.config, flags.now);
  if (policy !== undefined) {
    options.policy = policy;
    io.stderr.write(`bulwark: policy ${policy.file}\n`);
  }
  if (flags.cluster !== undefined) options.cluster = flags.cluster;
  if (flags.now !== undefined) options.now = parseNow(flags.now);
  const checks = parseCheckList(flags.checks);
  if (checks !== undefined) options.checks = checks;
  if (flags.baseline !== undefined) options.baseline = await readBaseline(flags.baseline);
  if (flags.policy !== undefined) options.admissionPolicies = flags.policy;
  if (flags.framework !== undefined) {
    if (!isFrameworkName(flags.framework)) throw new BulwarkError('BULWARK_E_USAGE', `unknown framework "${flags.framework}"`, `Use one of: ${FRAMEWORK_NAMES.join(', ')}.`);
    options.framework = flags.framework;
  }
  const progress = progressReporter(io.stderr, io.env);
  if (progress !== undefined) options.onProgress = progress;
  return options;
}

function parseNow(value: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new BulwarkError('BULWARK_E_USAGE', `--now must be a date (YYYY-MM-DD) or an ISO time, not "${value}"`);
  return date;
}

/** The policy for a run: --config FILE, none with --no-config, else bulwark.yaml found beside the inputs. */
function policyFor(paths: readonly string[], config: string | false | undefined, now: string | undefined): LoadedPolicy | undefined {
  if (config === false) return undefined;
  const file = config ?? findPolicyFile(paths);
  return file === undefined ? undefined : loadPolicy(file, BUILTIN_CHECKS, now === undefined ? undefined : parseNow(now));
}

/** Builds the command tree. Actions set `state.exitCode`. */
function buildProgram(io: CliIo, state: { exitCode: number }): Command {
  const program = new Command('bulwark')
    .description('Kubernetes security for the whole delivery loop: scan manifests and gate CI, enforce the same policy at admission, analyse RBAC and network reachability')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .enablePositionalOptions()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride();

  const tokens: OutputToken[] = [];
  const scanCommand = program
    .command('scan')
    .description('scan manifests (files, directories, - for stdin) and gate on findings')
    .argument('[paths...]', 'files or directories of YAML/JSON manifests; - reads standard input')
    .addOption(
      new Option('-f, --format <format>', 'output format: text, json, sarif, junit, markdown, html (repeatable, each pairs with the --output after it)').argParser((value: string) => {
        tokens.push({ kind: 'format', value });
        return value;
      }),
    )
    .addOption(
      new Option('-o, --output <file>', 'write the preceding --format to FILE instead of stdout (repeatable)').argParser((value: string) => {
        tokens.push({ kind: 'output', value });
        return value;
      }),
    )
    .option('--fail-on <severity>', `fail (exit 1) on findings at or above: ${SEVERITIES.join(', ')}, or none (default: the policy's, else high)`)
    .option('--config <file>', 'policy file (default: bulwark.yaml in the scanned directory or a parent)')
    .option('--no-config', 'ignore any bulwark.yaml')
    .option('--cluster <name>', "the cluster being checked: selects the policy's cluster level")
    .option('--now <date>', 'evaluate exception expiry as of this date (YYYY-MM-DD)')
    .option('--baseline <file>', 'suppress findings recorded in this baseline (from `bulwark baseline create`)')
    .option('-c, --checks <ids>', 'run only these checks (comma-separated, repeatable)', collect)
    .option('-n, --namespace <namespace>', 'namespace for objects that name none', 'default')
    .option('--framework <name>', 'run the checks of a framework and report compliance per control: cis, nsa, mitre, pss-baseline, pss-restricted')
    .option('--policy <path>', 'evaluate the ValidatingAdmissionPolicies and bindings (and params) in FILE or directory against the manifests, as checks vap/<name> (repeatable)', collect)
    .action(async (paths: string[], flags: ScanFlags) => {
      const result = await scan(await scanOptions(paths, flags, io));
      await writeOutputs(result, tokens, io);
      if (!result.trusted) io.stderr.write(`bulwark: the result cannot be trusted: ${result.untrustedReasons.join('; ')}\n`);
      state.exitCode = result.exitCode;
    });
  void scanCommand;

  const baseline = program.command('baseline').description('record current findings so that only new ones fail the gate');
  baseline
    .command('create')
    .description('scan and write every finding fingerprint to a baseline file')
    .argument('[paths...]', 'files or directories to scan')
    .requiredOption('-o, --output <file>', 'baseline file to write')
    .option('-c, --checks <ids>', 'run only these checks (comma-separated)', collect)
    .option('-n, --namespace <namespace>', 'namespace for objects that name none', 'default')
    .action(async (paths: string[], flags: { output: string; checks?: string[]; namespace: string }) => {
      const result = await scan(await scanOptions(paths, { failOn: 'none', namespace: flags.namespace, ...(flags.checks ? { checks: flags.checks } : {}) }, io));
      const file = createBaseline(result.findings);
      await writeOutputFile(flags.output, `${JSON.stringify(file, null, 2)}\n`, io, `${file.entries.length} finding${file.entries.length === 1 ? '' : 's'} to baseline ${flags.output}`);
      if (!result.trusted) io.stderr.write(`bulwark: the result cannot be trusted: ${result.untrustedReasons.join('; ')}\n`);
      state.exitCode = result.trusted ? EXIT.clean : EXIT.untrusted;
    });

  program
    .command('pss')
    .description('evaluate workloads against the Pod Security Standards, exactly as the pod-security admission plugin does')
    .argument('[paths...]', 'files or directories of manifests; - reads standard input')
    .option('-l, --level <level>', 'evaluate every workload at this level: privileged, baseline or restricted (default: each namespace\'s pod-security.kubernetes.io labels decide)')
    .option('--version <version>', 'policy version with --level: v1.N or latest', 'latest')
    .option('--default-level <level>', 'level for workloads in namespaces without an enforce label', 'privileged')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('-n, --namespace <namespace>', 'namespace for objects that name none', 'default')
    .action(async (paths: string[], flags: { level?: string; version: string; defaultLevel: string; format: string; namespace: string }) => {
      if (paths.length === 0) throw new BulwarkError('BULWARK_E_USAGE', 'no input: name files or directories, or - for standard input');
      requireTextOrJson(flags.format);
      const parseLevel = (value: string, flag: string): PssLevel => {
        if (isPssLevel(value)) return value;
        throw new BulwarkError('BULWARK_E_USAGE', `${flag} must be privileged, baseline or restricted, not "${value}"`);
      };
      const options: PssRunOptions = { paths, defaultNamespace: flags.namespace, stdin: io.stdin, defaultLevel: parseLevel(flags.defaultLevel, '--default-level') };
      if (flags.level !== undefined) {
        options.level = parseLevel(flags.level, '--level');
        options.minor = parsePssVersion(flags.version);
      } else if (flags.version !== 'latest') {
        throw new BulwarkError('BULWARK_E_USAGE', '--version goes with --level', 'Without --level, each namespace\'s pod-security.kubernetes.io/<mode>-version label decides.');
      }
      const run = await checkPodSecurity(options);
      io.stdout.write(renderPss(run, flags.format, flags.format === 'text' && useColor(io, io.stdout)));
      if (!run.trusted) io.stderr.write(`bulwark: the result cannot be trusted: ${run.untrustedReasons.join('; ')}\n`);
      state.exitCode = run.exitCode;
    });

  const policyCommand = program.command('policy').description('inspect the policy (bulwark.yaml)');
  policyCommand
    .command('explain')
    .description('for each group of resources, show every check\'s effective setting and the level and line of bulwark.yaml that set it')
    .argument('[paths...]', 'manifests whose namespaces, labels and paths select environments and applications')
    .option('--config <file>', 'policy file (default: bulwark.yaml beside the inputs)')
    .option('--cluster <name>', 'the cluster being checked')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('-n, --namespace <namespace>', 'namespace for objects that name none', 'default')
    .action(async (paths: string[], flags: { config?: string; cluster?: string; format: string; namespace: string }) => {
      requireTextOrJson(flags.format);
      const policy = policyFor(paths, flags.config, undefined);
      if (policy === undefined) throw new BulwarkError('BULWARK_E_CONFIG', 'no policy found: no bulwark.yaml beside the inputs or in a parent directory', 'Name one with --config FILE.');
      const loaded = paths.length > 0 ? await loadInputs({ paths, defaultNamespace: flags.namespace, stdin: io.stdin }) : { resources: [] };
      const catalogue = catalogueOf(policy);
      const resolver = new PolicyResolver(policy, catalogue, { namespaceLabels: namespaceLabelsOf(loaded.resources), ...(flags.cluster !== undefined ? { cluster: flags.cluster } : {}) });
      const groups = explainPolicy(resolver, loaded.resources, catalogue, policy.config.failOn ?? 'high');
      io.stdout.write(flags.format === 'json' ? `${JSON.stringify({ schemaVersion: '1.0.0', policy: policy.file, groups }, null, 2)}\n` : `Policy ${policy.file}\n\n${renderExplanation(groups)}`);
      state.exitCode = EXIT.clean;
    });
  policyCommand
    .command('audit')
    .description('list expired, soon-to-expire and unused exceptions; exit 1 if any has expired')
    .argument('[paths...]', 'manifests to scan, to find exceptions that cover nothing')
    .option('--config <file>', 'policy file (default: bulwark.yaml beside the inputs)')
    .option('--cluster <name>', 'the cluster being checked')
    .option('--now <date>', 'as of this date (YYYY-MM-DD)')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(async (paths: string[], flags: { config?: string; cluster?: string; now?: string; format: string }) => {
      requireTextOrJson(flags.format);
      const policy = policyFor(paths, flags.config, flags.now);
      if (policy === undefined) throw new BulwarkError('BULWARK_E_CONFIG', 'no policy found: no bulwark.yaml beside the inputs or in a parent directory', 'Name one with --config FILE.');
      const now = flags.now === undefined ? new Date() : parseNow(flags.now);
      const scanned = paths.length > 0 ? await scan({ paths, policy, now, failOn: 'none', ...(flags.cluster !== undefined ? { cluster: flags.cluster } : {}) }) : undefined;
      const statuses = auditExceptions(policy, now, scanned?.exceptions);
      io.stdout.write(flags.format === 'json' ? `${JSON.stringify({ schemaVersion: '1.0.0', policy: policy.file, exceptions: statuses }, null, 2)}\n` : renderAudit(statuses, scanned !== undefined));
      state.exitCode = statuses.some((status) => status.state === 'expired') ? EXIT.findings : EXIT.clean;
    });

  registerGateCommand(program, io, state, (config) => policyFor([], config, undefined));
  registerRbacCommands(program, io, state);
  registerNetpolCommands(program, io, state);
  registerServeCommands(program, io, state, (config) => policyFor([], config, undefined));

  const checks = program.command('checks').description('the check catalogue');
  checks
    .command('list')
    .description('list every check with its severity and category')
    .option('-f, --format <format>', 'text or json', 'text')
    .action((flags: { format: string }) => {
      io.stdout.write(listChecks(BUILTIN_CHECKS, flags.format));
      state.exitCode = EXIT.clean;
    });
  checks
    .command('explain')
    .description("show a check's documentation: why it matters, how to fix, framework mappings")
    .argument('<id>', 'check id')
    .option('-f, --format <format>', 'text or json', 'text')
    .action((id: string, flags: { format: string }) => {
      const check = findCheck(id);
      if (check === undefined) throw new BulwarkError('BULWARK_E_UNKNOWN_CHECK', `unknown check id: ${id}`, 'Run `bulwark checks list` to see the ids.');
      io.stdout.write(explainCheck(check, flags.format));
      state.exitCode = EXIT.clean;
    });
  return program;
}

/** Runs the command line; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const state = { exitCode: EXIT.usage as number };
  const program = buildProgram(io, state);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.clean;
      return EXIT.usage;
    }
    if (error instanceof BulwarkError) {
      io.stderr.write(`bulwark: error ${error.code}: ${error.message}\n${error.fix ? `  ${error.fix}\n` : ''}`);
      return error.code === 'BULWARK_E_INPUT' ? EXIT.untrusted : EXIT.usage;
    }
    io.stderr.write(`bulwark: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.untrusted;
  }
}
