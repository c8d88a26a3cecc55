import { testCheck } from '../../testing/index.js';
import { secretInEnvValue } from './secret-in-env-value.js';
import { cases } from './secret-in-env-value.cases.js';

testCheck(secretInEnvValue, cases);
