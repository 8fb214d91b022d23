import type { ReactNode, SVGProps } from 'react';

/**
 * Inline SVG icons: no icon font and no external assets, so they work under the page's CSP and
 * follow `currentColor` in both themes. All are decorative (aria-hidden); the text next to them,
 * or the button's label, carries the meaning.
 */

export type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

export function Svg({ size = 16, children, className, ...rest }: IconProps & { children: ReactNode }) {
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
