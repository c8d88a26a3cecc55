import { testCheck } from '../../testing/index.js';
import { selinuxCustomOptions } from './selinux-custom-options.js';
import { cases } from './selinux-custom-options.cases.js';

testCheck(selinuxCustomOptions, cases);
