import { testCheck } from '../../testing/index.js';
import { runAsLowUid } from './run-as-low-uid.js';
import { cases } from './run-as-low-uid.cases.js';

testCheck(runAsLowUid, cases);
