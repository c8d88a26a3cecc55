import { testCheck } from '../../testing/index.js';
import { destinationRuleTlsDisabled } from './destination-rule-tls-disabled.js';
import { cases } from './destination-rule-tls-disabled.cases.js';

testCheck(destinationRuleTlsDisabled, cases);
