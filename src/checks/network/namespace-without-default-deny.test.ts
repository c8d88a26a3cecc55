import { testCheck } from '../../testing/index.js';
import { namespaceWithoutDefaultDeny } from './namespace-without-default-deny.js';
import { cases } from './namespace-without-default-deny.cases.js';

testCheck(namespaceWithoutDefaultDeny, cases);
