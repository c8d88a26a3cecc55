import { testCheck } from '../../testing/index.js';
import { ingressWithoutTls } from './ingress-without-tls.js';
import { cases } from './ingress-without-tls.cases.js';

testCheck(ingressWithoutTls, cases);
