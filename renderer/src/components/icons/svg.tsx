import type { ReactNode, SVGProps } from 'react';

/**
 * Inline SVG icons: no icon font and no external assets, so they work under the page's CSP and
 * follow `currentColor` in both themes. All are decorative (aria-hidden); the text next to them,
 * or the button's label, carries the meaning.
 */

export type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

export type IconComponent = (props: IconProps) => ReactNode;

function Svg({ size = 16, children, className, ...rest }: IconProps & { children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className ? `icon ${className}` : 'icon'}
      {...rest}
    >
      {children}
    </svg>
  );
}

/** What a shape may set beyond its geometry (a dot drawn thicker, a filled flag, a dashed ring). */
type Paint = Pick<SVGProps<SVGElement>, 'strokeWidth' | 'fill' | 'strokeDasharray'>;

/**
 * One shape of an icon, on the 16×16 grid: a path's `d` alone, or a path, circle or rectangle
 * with its attributes.
 */
export type Shape =
  | string
  | ({ d: string } & Paint)
  | ({ cx: number; cy: number; r: number } & Paint)
  | { x: number; y: number; width: number; height: number; rx: number };

/** An icon drawn from its shapes, in order, with the common stroke and the `IconProps` of `Svg`. */
export function icon(...shapes: Shape[]): IconComponent {
  return function Icon(props: IconProps) {
    return <Svg {...props}>{shapes.map(draw)}</Svg>;
  };
}

function draw(shape: Shape, index: number): ReactNode {
  if (typeof shape === 'string') return <path key={index} d={shape} />;
  if ('d' in shape) return <path key={index} {...shape} />;
  if ('r' in shape) return <circle key={index} {...shape} />;
  return <rect key={index} {...shape} />;
}
