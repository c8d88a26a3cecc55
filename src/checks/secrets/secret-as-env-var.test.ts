import { testCheck } from '../../testing/index.js';
import { secretAsEnvVar } from './secret-as-env-var.js';
import { cases } from './secret-as-env-var.cases.js';

testCheck(secretAsEnvVar, cases);
