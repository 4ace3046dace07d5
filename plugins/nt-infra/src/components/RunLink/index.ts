export { RunLink, useRunHref } from './RunLink';
