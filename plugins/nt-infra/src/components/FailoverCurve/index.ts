export { FailoverCurve } from './FailoverCurve';
export { FailoverHeadline } from './FailoverHeadline';
