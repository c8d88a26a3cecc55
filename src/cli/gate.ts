import type { Command } from 'commander';
import { BulwarkError } from '../errors/index.js';
import { evaluateGate, gateReport, parseInstant, renderGateJson, renderGateText, resolveGate, type GateRequest } from '../gate/index.js';
import type { LoadedPolicy } from '../policy/types.js';
import { existingPrefix } from '../yaml/path.js';
import { locateField } from '../yaml/positions.js';
import { requireTextOrJson } from './checks.js';
import { EXIT, useColor, type CliIo } from './io.js';

interface GateFlags {
  env: string;
  branch?: string;
  time?: string;
  approved?: boolean;
  config?: string;
  format: string;
}

function requestTime(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const time = parseInstant(text);
  if (time === undefined) throw new BulwarkError('BULWARK_E_USAGE', `--time must be an RFC 3339 time with an offset, such as 2026-03-28T10:00:00Z, not "${text}"`, 'In a shell: --time "$(date -u +%FT%TZ)".');
  return time;
}

/**
 * Adds `bulwark gate`: checks a deployment request against the gate of an environment of the
 * policy, prints the decision with every reason, and sets the exit code: 0 allowed, 1 denied;
 * usage and configuration errors are thrown as `BulwarkError`s for the caller to report (exit 2).
 */
export function registerGateCommand(program: Command, io: CliIo, state: { exitCode: number }, loadPolicyFor: (configFlag: string | false | undefined) => LoadedPolicy | undefined): Command {
  return program
    .command('gate')
    .description('check a deployment request against the gate of an environment in bulwark.yaml: branches, approval, blackout and maintenance windows')
    .requiredOption('-e, --env <name>', 'environment to deploy to: a name under environments in bulwark.yaml')
    .option('-b, --branch <branch>', 'branch the deployment is built from (refs/heads/ is ignored)')
    .option('--time <time>', 'time of the deployment, RFC 3339 with an offset (default: now)')
    .option('--approved', 'the deployment has been approved')
    .option('--config <file>', 'policy file (default: bulwark.yaml in the current directory or a parent)')
    .option('-f, --format <format>', 'text or json', 'text')
    .action((flags: GateFlags) => {
      const format = requireTextOrJson(flags.format);
      const time = requestTime(flags.time);
      const policy = loadPolicyFor(flags.config);
      if (policy === undefined) throw new BulwarkError('BULWARK_E_CONFIG', 'no policy found: no bulwark.yaml in the current directory or a parent', 'Name one with --config FILE.');
      const environments = policy.config.environments;
      const environment = environments.find((level) => level.name === flags.env);
      if (environment === undefined) {
        const known = environments.length === 0 ? 'no environments' : `the environments ${environments.map((level) => level.name).join(', ')}`;
        throw new BulwarkError('BULWARK_E_USAGE', `unknown environment "${flags.env}": ${policy.file} defines ${known}`, 'Name one of them with --env.');
      }
      io.stderr.write(`bulwark: policy ${policy.file}\n`);
      const request: GateRequest = { environment: environment.name, time, approved: flags.approved === true, ...(flags.branch !== undefined ? { branch: flags.branch } : {}) };
      const decision = evaluateGate(resolveGate(policy.config.gate, environment.gate), request);
      const report = gateReport(decision, request, {
        file: policy.file,
        lineOf: (path) => locateField(policy.document, existingPrefix(policy.document.value, path))?.line,
      });
      io.stdout.write(format === 'json' ? renderGateJson(report) : renderGateText(report, useColor(io, io.stdout)));
      state.exitCode = decision.allowed ? EXIT.clean : EXIT.findings;
    });
}
