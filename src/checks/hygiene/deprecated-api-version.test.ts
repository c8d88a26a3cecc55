import { testCheck } from '../../testing/index.js';
import { deprecatedApiVersion } from './deprecated-api-version.js';
import { cases } from './deprecated-api-version.cases.js';

testCheck(deprecatedApiVersion, cases);
