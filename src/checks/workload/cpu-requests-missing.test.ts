import { testCheck } from '../../testing/index.js';
import { cpuRequestsMissing } from './cpu-requests-missing.js';
import { cases } from './cpu-requests-missing.cases.js';

testCheck(cpuRequestsMissing, cases);
