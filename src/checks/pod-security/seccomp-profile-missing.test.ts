import { testCheck } from '../../testing/index.js';
import { seccompProfileMissing } from './seccomp-profile-missing.js';
import { cases } from './seccomp-profile-missing.cases.js';

testCheck(seccompProfileMissing, cases);
