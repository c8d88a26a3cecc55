import { testCheck } from '../../testing/index.js';
import { readinessProbeMissing } from './readiness-probe-missing.js';
import { cases } from './readiness-probe-missing.cases.js';

testCheck(readinessProbeMissing, cases);
