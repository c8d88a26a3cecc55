import { testCheck } from '../../testing/index.js';
import { runAsRootAllowed } from './run-as-root-allowed.js';
import { cases } from './run-as-root-allowed.cases.js';

testCheck(runAsRootAllowed, cases);
