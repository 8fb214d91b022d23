/** The app's inline SVG icons, in two modules (actions and notices; the things shown); import them from here. */
export * from './actions';
export * from './objects';
export type { IconProps } from './svg';
