/** The app's inline SVG icons, one module per group; import them from here. */
export * from './folders';
export * from './actions';
export * from './notices';
export * from './files';
export * from './brand';
export * from './profiles';
export type { IconProps } from './svg';
