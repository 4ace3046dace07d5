export { changeStateTone } from '../../lib/tones';
