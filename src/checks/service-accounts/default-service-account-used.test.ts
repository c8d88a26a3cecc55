import { testCheck } from '../../testing/index.js';
import { defaultServiceAccountUsed } from './default-service-account-used.js';
import { cases } from './default-service-account-used.cases.js';

testCheck(defaultServiceAccountUsed, cases);
