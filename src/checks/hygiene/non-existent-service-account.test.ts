import { testCheck } from '../../testing/index.js';
import { nonExistentServiceAccount } from './non-existent-service-account.js';
import { cases } from './non-existent-service-account.cases.js';

testCheck(nonExistentServiceAccount, cases);
