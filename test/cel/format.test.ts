import { describe } from 'node:test';
import { NAMED_FORMATS } from '../../src/cel/lib/format.js';
import { table, type Row } from './helpers.js';

const DNS1123_LABEL_ERROR = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_SUBDOMAIN_ERROR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_LABEL_ERROR = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_ERROR = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_ERROR = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const errors = (...messages: string[]) => `optional.of([${messages.map((m) => JSON.stringify(m)).join(', ')}])`;

describe('format library', () => {
  describe('Kubernetes format_test.go cases', () => {
    table([
      ['format.dns1123Label().validate("my-label-name")', 'optional.none()'],
      ['format.dns1123Subdomain().validate("apiextensions.k8s.io")', 'optional.none()'],
      ['format.qualifiedName().validate("apiextensions.k8s.io/v1beta1")', 'optional.none()'],
      ['format.dns1123LabelPrefix().validate("my-label-prefix-")', 'optional.none()'],
      ['format.dns1123SubdomainPrefix().validate("mysubdomain.prefix.-")', 'optional.none()'],
      ['format.dns1035LabelPrefix().validate("my-label-prefix-")', 'optional.none()'],
      ['format.uri().validate("http://example.com")', 'optional.none()'],
      ['format.uuid().validate("123e4567-e89b-12d3-a456-426614174000")', 'optional.none()'],
      ['format.byte().validate("aGVsbG8=")', 'optional.none()'],
      ['format.date().validate("2021-01-01")', 'optional.none()'],
      ['format.datetime().validate("2021-01-01T00:00:00Z")', 'optional.none()'],
      ['format.dns1123Label().validate("contains a space")', errors(DNS1123_LABEL_ERROR)],
      ['format.dns1123Subdomain().validate("contains a space")', errors(DNS1123_SUBDOMAIN_ERROR)],
      ['format.dns1035Label().validate("contains a space")', errors(DNS1035_LABEL_ERROR)],
      ['format.qualifiedName().validate("contains a space")', errors(NAME_PART_ERROR)],
      ['format.dns1123LabelPrefix().validate("contains a space-")', errors(DNS1123_LABEL_ERROR)],
      ['format.dns1123SubdomainPrefix().validate("contains a space-")', errors(DNS1123_SUBDOMAIN_ERROR)],
      ['format.dns1035LabelPrefix().validate("contains a space-")', errors(DNS1035_LABEL_ERROR)],
      ['format.qualifiedName().validate("my.name")', 'optional.none()'],
      ['format.byte().validate("aGVsbG8")', errors('invalid base64')],
      ['format.date().validate("2020-01-32")', errors('invalid date')],
      ['format.datetime().validate("2020-01-01T00:00:00Z")', 'optional.none()'],
      ['format.datetime().validate("2020-01-32T00:00:00Z")', errors('invalid datetime')],
      ['format.named("unknown").hasValue()', 'false'],
      ['format.labelValue().validate("my-cool-label-Value")', 'optional.none()'],
      ['format.labelValue().validate("my-cool-label-Value!!\\n\\n!!!")', errors(LABEL_VALUE_ERROR)],
    ]);
  });

  describe('every named format', () => {
    const rows: Row[] = [];
    for (const key of NAMED_FORMATS.keys()) {
      rows.push([`format.named("${key}").hasValue()`, 'true'], [`format.named("${key}").value() == format.${key}()`, 'true']);
    }
    rows.push(['format.uuid() == format.date()', 'false']);
    table(rows);
  });

  describe('details', () => {
    table([
      ['format.dns1123Label().validate("a.b")', errors('must not contain dots')],
      [`format.dns1123Label().validate("${'a'.repeat(64)}")`, errors('must be no more than 63 bytes')],
      ['format.qualifiedName().validate("/name")', errors('prefix part must be non-empty')],
      ['format.qualifiedName().validate("Example.com/name")', errors(`prefix part ${DNS1123_SUBDOMAIN_ERROR}`)],
      ['format.date().validate("2023-02-29")', errors('invalid date')],
      ['format.date().validate("2024-02-29")', 'optional.none()'],
      ['format.datetime().validate("2024-02-29t23:59:59.123+02:00")', 'optional.none()'],
      ['format.uuid().validate("123E4567E89B12D3A456426614174000")', 'optional.none()'],
      ['format.byte().validate("")', errors('invalid base64')],
      ['format.uri().validate("not a uri")', errors('parse "not a uri": invalid URI for request')],
      ['format.dns1123Label().validate(object.metadata.name).orValue([]).size()', '0'],
    ], { object: { metadata: { name: 'web-1' } } });
  });
});
