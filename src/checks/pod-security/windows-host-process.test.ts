import { testCheck } from '../../testing/index.js';
import { windowsHostProcess } from './windows-host-process.js';
import { cases } from './windows-host-process.cases.js';

testCheck(windowsHostProcess, cases);
