/**
 * Synchronous secret detection for manifest values. Checks run synchronously, so the async
 * secretlint engine cannot be called from them; these are hand-written patterns for the
 * token formats that show up in Kubernetes manifests. The tests cross-check them against
 * secretlint's recommended preset on the same samples.
 *
 * Nothing here returns or formats a secret for output: callers get the matched text only to
 * fingerprint it (see masking.ts).
 */

import { rememberedByText } from '../../model/memo.js';

/** A credential format recognisable from the value alone. */
export interface TokenFormat {
  id: string;
  /** Reads in a sentence: "holds {label}". */
  label: string;
  pattern: RegExp;
  /** Rejects matches that have the shape but are not credentials (templates, placeholders), given the whole text too. */
  accept?: (match: RegExpMatchArray, text: string) => boolean;
}

/** A credential found in a text: which format, and the matched text (to fingerprint, never to print). */
export interface TokenMatch {
  format: TokenFormat;
  text: string;
}

/** Values that stand for a secret without being one: documentation and template placeholders. */
const PLACEHOLDER_WORDS = new Set([
  'password',
  'passwd',
  'pass',
  'secret',
  'token',
  'changeme',
  'change-me',
  'change_me',
  'changeit',
  'replaceme',
  'replace-me',
  'replace_me',
  'mypassword',
  'yourpassword',
  'your-password',
  'your_password',
  'example',
  'dummy',
  'redacted',
  'todo',
  'tbd',
  'none',
  'null',
  'nil',
  'undefined',
]);

/** Values of settings, not credentials: a switch set to a sensitive-looking name is not a secret. */
const SWITCH_WORDS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'enabled', 'disabled', 'enable', 'disable']);

/** `$(VAR)` (Kubernetes env expansion), `${VAR}` (envsubst, shells), `{{ … }}` (Helm, Go templates). */
const REFERENCE = /\$\([^)]*\)|\$\{[^}]*\}|\{\{.*?\}\}/;

/** Whether a value refers to a secret kept elsewhere, or stands in for one, rather than being one. */
export function isPlaceholderValue(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (REFERENCE.test(text)) return true;
  if (/^<[^<>]*>$/.test(text)) return true; // <password>
  if (/^(.)\1*$/.test(text) && /^[x*.#_-]/i.test(text)) return true; // xxxx, ****, ....
  return PLACEHOLDER_WORDS.has(text.toLowerCase());
}

/** A filesystem path or a switch: what settings named `…_TOKEN`/`…_CREDENTIALS` often hold instead of the secret. */
function isPathOrSwitch(value: string): boolean {
  const text = value.trim();
  if (/^(\/|~\/|\.\.?\/|file:\/\/)\S*$/.test(text) || /^[A-Za-z]:\\\S*$/.test(text)) return true;
  return SWITCH_WORDS.has(text.toLowerCase());
}

function isLikelyRealPassword(password: string): boolean {
  return password.length >= 3 && !isPlaceholderValue(password);
}

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  {
    id: 'private-key',
    label: 'a PEM private key',
    pattern: /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/,
  },
  {
    id: 'aws-access-key-id',
    label: 'an AWS access key ID',
    pattern: /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/,
  },
  {
    id: 'github-token',
    label: 'a GitHub token',
    pattern: /(?<![A-Za-z0-9_])(?:(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/,
  },
  {
    id: 'gitlab-token',
    label: 'a GitLab personal access token',
    pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,128}(?![A-Za-z0-9_-])/,
  },
  {
    id: 'slack-token',
    label: 'a Slack token',
    pattern: /(?<![A-Za-z0-9])(?:xox[abposr]|xapp)-(?:\d-)?(?:[A-Za-z0-9]{1,40}-)+[A-Za-z0-9]{1,40}(?![A-Za-z0-9])/,
  },
  {
    id: 'slack-webhook',
    label: 'a Slack incoming-webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]{1,40}\/B[A-Za-z0-9]{1,40}\/[A-Za-z0-9]{1,40}/i,
  },
  {
    id: 'google-api-key',
    label: 'a Google API key',
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/,
  },
  {
    id: 'gcp-service-account-key',
    label: 'a Google Cloud service account key',
    // The key's own field, in a JSON document that declares itself a service account key.
    pattern: /"private_key"\s*:\s*"-----BEGIN [A-Z ]*PRIVATE KEY/,
    accept: (_match, text) => /"type"\s*:\s*"service_account"/.test(text),
  },
  {
    id: 'stripe-key',
    label: 'a Stripe live secret key',
    pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_live_[0-9A-Za-z]{24,99}(?![A-Za-z0-9_])/,
  },
  {
    id: 'npm-token',
    label: 'an npm access token',
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
  },
  {
    id: 'openai-key',
    label: 'an OpenAI API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}(?![A-Za-z0-9_-])/,
  },
  {
    id: 'anthropic-key',
    label: 'an Anthropic API key',
    pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,128}(?![A-Za-z0-9_-])/,
  },
  {
    id: 'sendgrid-key',
    label: 'a SendGrid API key',
    pattern: /(?<![A-Za-z0-9_])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}(?![A-Za-z0-9_-])/,
  },
  {
    id: 'jwt',
    label: 'a JSON Web Token',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/,
  },
  {
    id: 'url-credentials',
    label: 'a URL with a password in it',
    // scheme://user:password@host — the password part must be a literal, not `$(DB_PASSWORD)`.
    pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/([^\s:/@'"]*):([^\s/@'"]+)@[A-Za-z0-9[]/,
    accept: (match) => isLikelyRealPassword(match[2] ?? ''),
  },
];

/** Global copies of the patterns: every match of a format is looked at, the first may be a placeholder. */
const SCANNERS = TOKEN_FORMATS.map((format) => ({ format, scanner: new RegExp(format.pattern.source, `${format.pattern.flags.replace('g', '')}g`) }));

/**
 * A cheap first pass: every format above contains one of these literals, so a text without
 * any of them holds no token and the slower patterns need not run.
 */
const ANY_FORMAT_HINT =
  /PRIVATE KEY|A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|xapp-|[hH][oO][oO][kK][sS]\.[sS][lL][aA][cC][kK]|AIza|"private_key"|_live_|npm_[A-Za-z0-9]{36}|sk-(?:ant-|proj-|svcacct-|admin-|[A-Za-z0-9_-]{20})|SG\.[A-Za-z0-9_-]{16}|eyJ|:\/\/[^\s:/@'"]*:[^\s/@'"]+@/;

/** Every credential of a known format in a text, at most one per format. */
export function findTokens(text: string): TokenMatch[] {
  const found: TokenMatch[] = [];
  if (!ANY_FORMAT_HINT.test(text)) return found;
  for (const { format, scanner } of SCANNERS) {
    for (const match of text.matchAll(scanner)) {
      if (format.accept !== undefined && !format.accept(match, text)) continue;
      found.push({ format, text: match[0] });
      break;
    }
  }
  return found;
}

/** Words in a setting's name that mark its value as a credential. */
const SENSITIVE_WORD = /(?:PASSWORDS?|PASSWD|SECRETS?|TOKENS?|API_?KEYS?|PRIVATE_?KEYS?|CREDENTIALS?)(?=_|$)/g;

/**
 * Words that, after the sensitive word, say the setting is about the secret rather than the
 * secret itself: `DB_PASSWORD_FILE`, `TLS_SECRET_NAME`, `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`.
 */
const QUALIFIER_WORDS = new Set([
  'FILE',
  'FILES',
  'PATH',
  'DIR',
  'NAME',
  'URL',
  'URI',
  'ENDPOINT',
  'REF',
  'ENABLED',
  'DISABLED',
  'ENABLE',
  'DISABLE',
  'REQUIRED',
  'TTL',
  'EXPIRY',
  'EXPIRATION',
  'LIFETIME',
  'TIMEOUT',
  'SECONDS',
  'INTERVAL',
  'PERIOD',
  'DURATION',
  'LENGTH',
  'LEN',
  'SIZE',
  'MIN',
  'MAX',
  'HEADER',
  'TYPE',
  'MODE',
  'POLICY',
  'ISSUER',
  'AUDIENCE',
  'ALGORITHM',
  'FORMAT',
  'VERSION',
  'PROVIDER',
  'BACKEND',
  'STORE',
]);

/** `dbPassword`, `db-password`, `db.password` → `DB_PASSWORD`. */
function normaliseName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/**
 * Whether a setting's name (env var, ConfigMap key) says it holds a credential: it contains
 * PASSWORD, PASSWD, SECRET, TOKEN, API_KEY/APIKEY, PRIVATE_KEY or CREDENTIAL as a word ending
 * (`DBPASSWORD`, `db.password`, `apiKey`), not followed by a word that makes it about the
 * secret (`…_FILE`, `…_NAME`, `…_TTL`). The same names come back in every pod and ConfigMap
 * (LOG_LEVEL, DB_HOST…): each is judged once.
 */
export const isSensitiveName: (name: string) => boolean = rememberedByText(judgeName);

function judgeName(name: string): boolean {
  const normalised = normaliseName(name);
  let lastEnd = -1;
  for (const match of normalised.matchAll(SENSITIVE_WORD)) lastEnd = match.index + match[0].length;
  if (lastEnd === -1) return false;
  const following = normalised.slice(lastEnd).split('_').filter((word) => word !== '');
  return !following.some((word) => QUALIFIER_WORDS.has(word));
}

/** Why a literal `name: value` setting is a committed secret, if it is one. */
export type LiteralSecret = { reason: 'format'; match: TokenMatch } | { reason: 'name' };

/**
 * Classifies a literal setting. A value of a known credential format is a secret whatever
 * its name; otherwise a sensitive name with a value that is not a placeholder, a reference,
 * a file path or an on/off switch is one.
 */
export function literalSecret(name: string, value: string): LiteralSecret | undefined {
  const match = findTokens(value)[0];
  if (match !== undefined) return { reason: 'format', match };
  return namedSecret(name, value) ? { reason: 'name' } : undefined;
}

/** The second half of `literalSecret`, for a value already searched for known formats: a sensitive name with a real value. */
export function namedSecret(name: string, value: string): boolean {
  return isSensitiveName(name) && !isPlaceholderValue(value) && !isPathOrSwitch(value);
}

/** A PEM bundle of certificates only: public material, not a secret. */
export function isCertificateOnly(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('-----BEGIN CERTIFICATE-----')) return false;
  const withoutCertificates = trimmed.replace(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g, '');
  return withoutCertificates.trim() === '';
}
