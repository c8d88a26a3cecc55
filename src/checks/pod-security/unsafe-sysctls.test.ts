import { testCheck } from '../../testing/index.js';
import { unsafeSysctls } from './unsafe-sysctls.js';
import { cases } from './unsafe-sysctls.cases.js';

testCheck(unsafeSysctls, cases);
