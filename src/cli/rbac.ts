import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { BulwarkError } from '../errors/index.js';
import { loadInputs } from '../loader/load.js';
import { readSource } from '../loader/sources.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import {
  authenticatedIdentity,
  describeSubject,
  effectiveIdentity,
  generateRbac,
  leastPrivilege,
  parseAccessMatrix,
  readAuditLog,
  renderManifests,
  renderUnusedText,
  requireManifestFormat,
  ruleUsage,
  subjectApplies,
  unusedJson,
  type AuditEvent,
  type AuditLog,
  buildRbacAnalysis,
  can,
  canJson,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_PATHS,
  findEscalationPaths,
  isRbacResource,
  matrixJson,
  parseSubjectArgument,
  pathsJson,
  accessMatrix,
  describeRequest,
  renderCanText,
  renderMatrixCsv,
  renderMatrixHtml,
  renderMatrixText,
  renderPathsText,
  renderWhoCanText,
  resolveAccessQuery,
  whoCan,
  whoCanJson,
  type AccessQuery,
  type RbacAnalysis,
} from '../rbac/index.js';
import { requireTextOrJson } from './checks.js';
import { EXIT, reportInputErrors, type CliIo } from './io.js';
import { collect, wholeNumber } from './flags.js';

/** Options every rbac command takes. */
interface InputFlags {
  defaultNamespace: string;
  defaultBindings?: boolean;
}

interface QueryFlags extends InputFlags {
  namespace?: string;
  name?: string;
  format: string;
}

/** The analysis of the inputs and whether it can be trusted: input problems go to standard error. */
async function analyse(paths: readonly string[], flags: InputFlags, io: CliIo): Promise<{ analysis: RbacAnalysis; trusted: boolean }> {
  if (paths.length === 0) throw new BulwarkError('BULWARK_E_USAGE', 'no input: name files or directories of manifests, or - for standard input');
  const loaded = await loadInputs({ paths, defaultNamespace: flags.defaultNamespace, stdin: io.stdin });
  const problems = reportInputErrors(io, loaded.diagnostics);
  const reasons: string[] = [];
  if (!loaded.resources.some((resource) => isRbacResource(resource) && resource.kind.endsWith('Binding'))) reasons.push('no RoleBinding or ClusterRoleBinding was found in the input');
  if (problems.length > 0) reasons.push(`${problems.length} input problem${problems.length > 1 ? 's' : ''} (unreadable files or documents that did not parse)`);
  if (reasons.length > 0) io.stderr.write(`bulwark: the result cannot be trusted: ${reasons.join('; ')}\n`);
  return { analysis: buildRbacAnalysis(loaded.resources, { defaultBindings: flags.defaultBindings === true }), trusted: reasons.length === 0 };
}

function query(analysis: RbacAnalysis, verb: string, resource: string, flags: QueryFlags): AccessQuery {
  return resolveAccessQuery(
    { verb, resource, ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}), ...(flags.name !== undefined ? { name: flags.name } : {}) },
    analysis.catalog,
  );
}

const MATRIX_FORMATS = ['text', 'csv', 'html', 'json'] as const;

/** Problems of an audit log shown one by one before they are only counted. */
const SHOWN_LOG_PROBLEMS = 20;

/**
 * Reads an audit log line by line (it may be large), keeping the events `keep` accepts. Lines
 * that are not events go to standard error with their line numbers; a log of which no event
 * could be read is an untrusted input (exit 3).
 */
async function readLog(file: string, io: CliIo, keep?: (event: AuditEvent) => boolean): Promise<{ log: AuditLog; name: string }> {
  const name = file === '-' ? '<stdin>' : file;
  if (file !== '-') {
    try {
      await access(file);
    } catch (error) {
      throw new BulwarkError('BULWARK_E_INPUT', `cannot read audit log ${file}: ${(error as Error).message}`);
    }
  }
  const input = file === '-' ? io.stdin : createReadStream(file, { encoding: 'utf8' });
  let log: AuditLog;
  try {
    log = await readAuditLog(createInterface({ input, crlfDelay: Infinity }), keep);
  } catch (error) {
    throw new BulwarkError('BULWARK_E_INPUT', `cannot read audit log ${name}: ${(error as Error).message}`);
  }
  for (const problem of log.problems.slice(0, SHOWN_LOG_PROBLEMS)) io.stderr.write(`bulwark: warning ${name}:${problem.line}: skipped: ${problem.message}\n`);
  if (log.problems.length > SHOWN_LOG_PROBLEMS) io.stderr.write(`bulwark: warning ${name}: ${log.problems.length - SHOWN_LOG_PROBLEMS} more lines skipped\n`);
  if (log.read === 0) {
    throw new BulwarkError('BULWARK_E_INPUT', `no audit event could be read from ${name}`, 'Give a log of audit.k8s.io/v1 Event objects, one JSON object per line (the API server\'s --audit-log-path format).');
  }
  return { log, name };
}

/** The text of a file named on the command line (- for standard input); a configuration error when unreadable. */
async function readConfigText(file: string, io: CliIo): Promise<{ name: string; text: string }> {
  const source = await readSource(file, DEFAULT_LIMITS, io.stdin);
  if ('message' in source) throw new BulwarkError('BULWARK_E_CONFIG', `cannot read ${file}: ${source.message}`);
  return { name: source.file, text: source.text };
}

function withInputOptions(command: Command): Command {
  return command
    .option('--default-namespace <namespace>', 'namespace for objects that name none', 'default')
    .option('--default-bindings', 'also apply the ClusterRoleBindings every cluster has (discovery for all users, cluster-admin for system:masters, …)');
}

/**
 * `bulwark rbac who-can | can | matrix | paths | unused`: questions about the RBAC of manifests
 * or a cluster snapshot; `generate` and `from-audit`: RBAC objects written for an access matrix
 * or for what an audit log shows a subject doing. Results go to standard output, problems to
 * standard error; exit 2 for usage and configuration errors, 3 when the input held no binding
 * (or no audit event) or could not all be read.
 */
export function registerRbacCommands(program: Command, io: CliIo, state: { exitCode: number }): void {
  const rbac = program.command('rbac').description('RBAC queries: who can do what, can a subject do it, the access matrix, escalation paths to cluster-admin');

  withInputOptions(
    rbac
      .command('who-can')
      .description('the subjects (users, groups, ServiceAccounts) and workloads allowed a request, with the binding and rule that allow it')
      .argument('<verb>', 'get, list, watch, create, update, patch, delete, deletecollection, bind, escalate, impersonate, … or *')
      .argument('<resource>', 'pods, pods/exec, deployments.apps, secrets, nodes/proxy, … or a URL path such as /metrics')
      .argument('[paths...]', 'files or directories of manifests; - reads standard input')
      .option('-n, --namespace <namespace>', 'the namespace of the request (default: any namespace, each grant with its own)')
      .option('--name <name>', 'the name of the object')
      .option('-f, --format <format>', 'text or json', 'text'),
  ).action(async (verb: string, resource: string, paths: string[], flags: QueryFlags) => {
    const format = requireTextOrJson(flags.format);
    const { analysis, trusted } = await analyse(paths, flags, io);
    const result = whoCan(analysis, query(analysis, verb, resource, flags));
    io.stdout.write(format === 'json' ? `${JSON.stringify(whoCanJson(result), null, 2)}\n` : renderWhoCanText(result));
    state.exitCode = trusted ? EXIT.clean : EXIT.untrusted;
  });

  withInputOptions(
    rbac
      .command('can')
      .description('whether a subject may make a request, and why: exit 0 for yes, 1 for no')
      .argument('<subject>', 'user:NAME, group:NAME, sa:NAMESPACE/NAME or system:serviceaccount:NAMESPACE:NAME')
      .argument('<verb>', 'the verb')
      .argument('<resource>', 'the resource, resource/subresource, resource.group, or a URL path')
      .argument('[paths...]', 'files or directories of manifests; - reads standard input')
      .option('-n, --namespace <namespace>', 'the namespace of the request (default: across all namespaces, which only ClusterRoleBindings allow)')
      .option('--name <name>', 'the name of the object')
      .option('-g, --group <group>', 'a group the subject is in, besides system:authenticated (repeatable)', collect)
      .option('-f, --format <format>', 'text or json', 'text'),
  ).action(async (subjectText: string, verb: string, resource: string, paths: string[], flags: QueryFlags & { group?: string[] }) => {
    const format = requireTextOrJson(flags.format);
    const subject = parseSubjectArgument(subjectText);
    const { analysis, trusted } = await analyse(paths, flags, io);
    const result = can(analysis, subject, query(analysis, verb, resource, flags), flags.group ?? []);
    io.stdout.write(format === 'json' ? `${JSON.stringify(canJson(result), null, 2)}\n` : renderCanText(result));
    state.exitCode = !trusted ? EXIT.untrusted : result.allowed ? EXIT.clean : EXIT.findings;
  });

  withInputOptions(
    rbac
      .command('matrix')
      .description('subjects × resources × verbs of every binding: text, csv, a self-contained sortable and filterable html page, or json')
      .argument('[paths...]', 'files or directories of manifests; - reads standard input')
      .option('-n, --namespace <namespace>', 'only access that applies in this namespace (cluster-wide grants and its RoleBindings)')
      .option('-f, --format <format>', `${MATRIX_FORMATS.join(', ')}`, 'text'),
  ).action(async (paths: string[], flags: InputFlags & { namespace?: string; format: string }) => {
    const format = MATRIX_FORMATS.find((candidate) => candidate === flags.format);
    if (format === undefined) throw new BulwarkError('BULWARK_E_UNKNOWN_FORMAT', `unknown format "${flags.format}" for bulwark rbac matrix`, `Use ${MATRIX_FORMATS.join(', ')}.`);
    const { analysis, trusted } = await analyse(paths, flags, io);
    const matrix = accessMatrix(analysis, flags.namespace !== undefined ? { namespace: flags.namespace } : {});
    const render = { text: renderMatrixText, csv: renderMatrixCsv, html: renderMatrixHtml, json: (value: typeof matrix) => `${JSON.stringify(matrixJson(value), null, 2)}\n` }[format];
    io.stdout.write(render(matrix));
    state.exitCode = trusted ? EXIT.clean : EXIT.untrusted;
  });

  withInputOptions(
    rbac
      .command('paths')
      .description('chains of permissions that reach cluster-admin-equivalent power, shortest first, each step with the rule that allows it: exit 1 when any exists')
      .argument('[paths...]', 'files or directories of manifests; - reads standard input')
      .option('--from <subject>', 'search from this subject (repeatable; default: every subject that is not a control-plane component, and every workload\'s ServiceAccount)', collect)
      .option('--max-depth <steps>', `longest chain searched (default ${DEFAULT_MAX_DEPTH})`, (value: string) => wholeNumber(value, '--max-depth', 1, 10))
      .option('--max-paths <count>', `chains shown per subject (default ${DEFAULT_MAX_PATHS})`, (value: string) => wholeNumber(value, '--max-paths', 1, 100))
      .option('-f, --format <format>', 'text or json', 'text'),
  ).action(async (paths: string[], flags: InputFlags & { from?: string[]; maxDepth?: number; maxPaths?: number; format: string }) => {
    const format = requireTextOrJson(flags.format);
    const from = flags.from?.map(parseSubjectArgument);
    const { analysis, trusted } = await analyse(paths, flags, io);
    const report = findEscalationPaths(analysis, {
      ...(from !== undefined ? { from } : {}),
      ...(flags.maxDepth !== undefined ? { maxDepth: flags.maxDepth } : {}),
      ...(flags.maxPaths !== undefined ? { maxPaths: flags.maxPaths } : {}),
    });
    io.stdout.write(format === 'json' ? `${JSON.stringify(pathsJson(report), null, 2)}\n` : renderPathsText(report));
    const found = report.results.some((result) => result.paths.length > 0);
    state.exitCode = !trusted ? EXIT.untrusted : found ? EXIT.findings : EXIT.clean;
  });
  rbac
    .command('generate')
    .description('Roles, ClusterRoles and bindings from an access matrix (users, groups and ServiceAccounts × namespaces or cluster-wide × view, edit, admin or named rules), written to standard output')
    .requiredOption('--from <file>', 'the access matrix (docs/schemas/rbac-access.schema.json); - reads standard input')
    .option('-f, --format <format>', 'yaml or json (a v1 List)', 'yaml')
    .action(async (flags: { from: string; format: string }) => {
      const format = requireManifestFormat(flags.format);
      const { name, text } = await readConfigText(flags.from, io);
      const generated = generateRbac(parseAccessMatrix(name, text));
      for (const role of generated.unusedRoles) io.stderr.write(`bulwark: note: role "${role}" of ${name} is given to no subject: not written\n`);
      io.stdout.write(renderManifests(generated.objects, format, [`Generated by bulwark rbac generate from ${name}: ${generated.objects.length} objects.`]));
      state.exitCode = EXIT.clean;
    });

  rbac
    .command('from-audit')
    .description('the least-privilege Roles, ClusterRole and bindings that allow every request a subject made in an audit log (denied ones included), written to standard output')
    .argument('<audit-log>', 'audit.k8s.io/v1 events, one JSON object per line (the API server\'s log backend); - reads standard input')
    .requiredOption('--subject <subject>', 'user:NAME, group:NAME, sa:NAMESPACE/NAME or system:serviceaccount:NAMESPACE:NAME')
    .option('--namespace-scoped', 'Roles in namespaces only: requests outside namespaces (cluster-scoped resources, all namespaces, URLs) are left out and listed on standard error')
    .option('--name <name>', 'name of every role and binding written (default least-privilege:<kind>:<name>)')
    .option('-f, --format <format>', 'yaml or json (a v1 List)', 'yaml')
    .action(async (file: string, flags: { subject: string; namespaceScoped?: boolean; name?: string; format: string }) => {
      const format = requireManifestFormat(flags.format);
      const subject = parseSubjectArgument(flags.subject);
      if (flags.name !== undefined && (flags.name === '' || /[/%]/.test(flags.name) || flags.name === '.' || flags.name === '..')) {
        throw new BulwarkError('BULWARK_E_USAGE', `--name "${flags.name}" is not a valid object name`, 'Role and binding names may hold anything but / and %.');
      }
      const ofSubject = (event: AuditEvent) =>
        subjectApplies(subject, effectiveIdentity(event)) || (event.impersonatedUser !== undefined && subjectApplies(subject, authenticatedIdentity(event)));
      const { log, name } = await readLog(file, io, ofSubject);
      const result = leastPrivilege(log.events, subject, { ...(flags.name !== undefined ? { name: flags.name } : {}), namespaceScoped: flags.namespaceScoped === true });
      if (result.requests === 0) {
        throw new BulwarkError('BULWARK_E_INPUT', `no request of ${describeSubject(subject)} in ${name} (${log.read} events read)`, 'Check the subject: a user by name, a group its members are in, or a ServiceAccount as sa:NAMESPACE/NAME.');
      }
      io.stderr.write(`bulwark: ${result.requests} request${result.requests === 1 ? '' : 's'} of ${describeSubject(subject)} in ${name}${result.denied > 0 ? `, ${result.denied} of them denied (403): allowed here, review them` : ''}\n`);
      for (const request of result.leftOut) io.stderr.write(`bulwark: note: left out (--namespace-scoped): ${describeRequest(request)}\n`);
      const header = [`Least privilege for ${describeSubject(subject)}: every request it made in ${name}, and no more.`];
      io.stdout.write(renderManifests(result.objects, format, header));
      state.exitCode = EXIT.clean;
    });

  withInputOptions(
    rbac
      .command('unused')
      .description('for every subject of the bindings, the grants (binding, role and rule, with file and line) that no request of an audit log used; a report, exit 0')
      .requiredOption('--audit <file>', 'audit log: audit.k8s.io/v1 events, one JSON object per line; - reads standard input')
      .argument('[paths...]', 'files or directories of manifests; - reads standard input')
      .option('-f, --format <format>', 'text or json', 'text'),
  ).action(async (paths: string[], flags: InputFlags & { audit: string; format: string }) => {
    const format = requireTextOrJson(flags.format);
    if (flags.audit === '-' && paths.includes('-')) throw new BulwarkError('BULWARK_E_USAGE', 'standard input cannot be both the audit log and the manifests');
    const { analysis, trusted } = await analyse(paths, flags, io);
    const { log, name } = await readLog(flags.audit, io);
    const report = ruleUsage(analysis, log.events);
    io.stdout.write(format === 'json' ? `${JSON.stringify(unusedJson(report, name), null, 2)}\n` : renderUnusedText(report, name));
    state.exitCode = trusted ? EXIT.clean : EXIT.untrusted;
  });
}
