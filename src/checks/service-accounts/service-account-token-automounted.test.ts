import { testCheck } from '../../testing/index.js';
import { serviceAccountTokenAutomounted } from './service-account-token-automounted.js';
import { cases } from './service-account-token-automounted.cases.js';

testCheck(serviceAccountTokenAutomounted, cases);
