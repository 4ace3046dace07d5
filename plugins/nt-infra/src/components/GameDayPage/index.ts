export { GameDayPage } from './GameDayPage';
