/**
 * Kubernetes format library (library/format.go): named string validations. `format.<name>()`
 * returns a format, `format.named(name)` an optional format, and `<format>.validate(s)`
 * returns optional.none() when s is valid or optional.of(list of messages) otherwise. The
 * messages are those of k8s.io/apimachinery validation (current upstream wording).
 */
import { compileRegex } from '../re2.js';
import { requestUriError } from './url.js';
import { daysInMonth } from '../../model/calendar.js';
import { FunctionSet } from '../types.js';
import { CelObject, CelOptional, CelType, type Value } from '../values.js';

const FORMAT_TYPE = CelType.of('kubernetes.NamedFormat');

function regexError(message: string, pattern: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${pattern}')`;
  let text = `${message} (e.g. `;
  examples.forEach((example, i) => {
    if (i > 0) text += ' or ';
    text += `'${example}', `;
  });
  return `${text}regex used for validation is '${pattern}')`;
}

const maxLenError = (length: number) => `must be no more than ${length} bytes`;
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
const fullMatch = (pattern: string) => {
  const re = compileRegex(`^(?:${pattern})$`);
  return (s: string) => re.test(s);
};

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1123_SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MESSAGE = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_KEY = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE = `(${LABEL_KEY})?`;
const LABEL_VALUE_MESSAGE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const isDns1123Label = fullMatch(DNS1123_LABEL);
const isDns1123Subdomain = fullMatch(DNS1123_SUBDOMAIN);
const isDns1035Label = fullMatch(DNS1035_LABEL);
const isLabelKeyName = fullMatch(LABEL_KEY);
const isLabelValueText = fullMatch(LABEL_VALUE);

function dns1123Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!isDns1123Label(value)) {
    // A valid subdomain that is not a valid label can only have failed on dots.
    if (isDns1123Subdomain(value)) errors.push('must not contain dots');
    else errors.push(regexError(DNS1123_LABEL_MESSAGE, DNS1123_LABEL, 'my-name', '123-abc'));
  }
  return errors;
}

function dns1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!isDns1123Subdomain(value)) errors.push(regexError(DNS1123_SUBDOMAIN_MESSAGE, DNS1123_SUBDOMAIN, 'example.com'));
  return errors;
}

function dns1035Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!isDns1035Label(value)) errors.push(regexError(DNS1035_LABEL_MESSAGE, DNS1035_LABEL, 'my-name', 'abc-123'));
  return errors;
}

/** content.IsLabelKey (validation.IsQualifiedName): optional DNS subdomain prefix and a name. */
function qualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] as string;
  } else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_MESSAGE, LABEL_KEY, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (byteLength(name) > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!isLabelKeyName(name)) errors.push(`name part ${regexError(LABEL_KEY_MESSAGE, LABEL_KEY, 'MyName', 'my.name', '123-abc')}`);
  return errors;
}

function labelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!isLabelValueText(value)) errors.push(regexError(LABEL_VALUE_MESSAGE, LABEL_VALUE, 'MyValue', 'my_value', '12345'));
  return errors;
}

/**
 * apimachinery's maskTrailingDash for generateName prefixes: a trailing dash is replaced
 * (with upstream's quirk of also dropping the character before it).
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

const isUuid = fullMatch('(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}');
const isBase64 = fullMatch('(?:[A-Za-z0-9+\\/]{4})*(?:[A-Za-z0-9+\\/]{2}==|[A-Za-z0-9+\\/]{3}=|[A-Za-z0-9+\\/]{4})');
const DATE_TIME_TAIL = compileRegex('^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$');

/** Go's time.Parse("2006-01-02", s). */
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** go-openapi strfmt IsDateTime: a date, 't', then hh:mm:ss with optional fraction and zone. */
function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0] as string)) return false;
  const tail = parts[1] as string;
  const m = DATE_TIME_TAIL.exec(tail);
  if (m === undefined) return false;
  const [hh, mm, ss] = [tail.slice(0, 2), tail.slice(3, 5), tail.slice(6, 8)];
  return hh <= '23' && mm <= '59' && ss <= '59';
}

export class NamedFormat extends CelObject {
  readonly celType = FORMAT_TYPE;

  constructor(
    readonly name: string,
    readonly validate: (value: string) => string[],
  ) {
    super();
  }

  equals(other: Value): boolean {
    return other instanceof NamedFormat && other.name === this.name;
  }

  toString(): string {
    return this.name;
  }
}

const only = (message: string, valid: (s: string) => boolean) => (s: string) => (valid(s) ? [] : [message]);

/** The formats Kubernetes names, keyed by the name format.named() accepts. */
export const NAMED_FORMATS: ReadonlyMap<string, NamedFormat> = new Map(
  (
    [
      ['dns1123Label', 'DNS1123Label', dns1123Label],
      ['dns1123Subdomain', 'DNS1123Subdomain', dns1123Subdomain],
      ['dns1035Label', 'DNS1035Label', dns1035Label],
      ['qualifiedName', 'QualifiedName', qualifiedName],
      ['dns1123LabelPrefix', 'DNS1123LabelPrefix', (s: string) => dns1123Label(maskTrailingDash(s))],
      ['dns1123SubdomainPrefix', 'DNS1123SubdomainPrefix', (s: string) => dns1123Subdomain(maskTrailingDash(s))],
      ['dns1035LabelPrefix', 'DNS1035LabelPrefix', (s: string) => dns1035Label(maskTrailingDash(s))],
      ['labelValue', 'LabelValue', labelValue],
      ['uri', 'URI', (s: string) => {
        const problem = requestUriError(s);
        return problem === undefined ? [] : [problem];
      }],
      ['uuid', 'uuid', only('does not match the UUID format', isUuid)],
      ['byte', 'byte', only('invalid base64', isBase64)],
      ['date', 'date', only('invalid date', isDate)],
      ['datetime', 'datetime', only('invalid datetime', isDateTime)],
    ] as const
  ).map(([key, name, validate]) => [key, new NamedFormat(name, validate)] as const),
);

export function formatLibrary(): FunctionSet {
  const F = FORMAT_TYPE.name;
  const set = new FunctionSet()
    .fn('format.named', ['string'], `optional<${F}>`, (name) => {
      const format = NAMED_FORMATS.get(name as string);
      return format === undefined ? CelOptional.NONE : CelOptional.of(format);
    })
    .method('validate', F, ['string'], 'optional<list<string>>', (format, value) => {
      const errors = (format as NamedFormat).validate(value as string);
      return errors.length === 0 ? CelOptional.NONE : CelOptional.of(errors);
    });
  for (const [key, format] of NAMED_FORMATS) set.fn(`format.${key}`, [], F, () => format);
  return set;
}
