import { testCheck } from '../../testing/index.js';
import { duplicateEnvVar } from './duplicate-env-var.js';
import { cases } from './duplicate-env-var.cases.js';

testCheck(duplicateEnvVar, cases);
