import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import {
  ArchiveIcon,
  ErrorIcon,
  FlagIcon,
  FolderRoleIcon,
  SkipCircleIcon,
  SortIcon,
  SourceKindIcon,
} from '../../../../renderer/src/components/icons';
import { icon } from '../../../../renderer/src/components/icons/svg';

/** The icon's markup, as the page gets it. */
function markup(node: ReactElement): string {
  return render(node).container.innerHTML;
}

const SVG =
  'width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.4" ' +
  'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"';

describe('icon()', () => {
  it('draws its shapes in order: a bare path, a path with its own stroke, a circle, a rectangle', () => {
    const Drawn = icon(
      'M1 1h2',
      { d: 'M8 5h.01', strokeWidth: 1.8 },
      { cx: 8, cy: 8, r: 6, strokeDasharray: '2 2' },
      { x: 2, y: 3, width: 12, height: 10, rx: 1.5 },
    );
    expect(markup(<Drawn />)).toBe(
      `<svg ${SVG} class="icon"><path d="M1 1h2"></path><path d="M8 5h.01" stroke-width="1.8"></path>` +
        '<circle cx="8" cy="8" r="6" stroke-dasharray="2 2"></circle>' +
        '<rect x="2" y="3" width="12" height="10" rx="1.5"></rect></svg>',
    );
  });

  it('takes the IconProps: size, class and any SVG attribute over the defaults', () => {
    const Drawn = icon('M1 1h2');
    const svg = render(<Drawn size={28} strokeWidth={1.1} className="x" />).container.firstElementChild;
    expect(svg?.getAttribute('width')).toBe('28');
    expect(svg?.getAttribute('height')).toBe('28');
    expect(svg?.getAttribute('stroke-width')).toBe('1.1');
    expect(svg?.getAttribute('class')).toBe('icon x');
  });
});

describe('the icons drawn with it', () => {
  it('keep the markup they had as hand-written components', () => {
    expect(markup(<ErrorIcon />)).toBe(
      `<svg ${SVG} class="icon"><circle cx="8" cy="8" r="6"></circle><path d="M8 4.9v3.6"></path>` +
        '<path d="M8 11h.01" stroke-width="1.8"></path></svg>',
    );
    expect(markup(<FlagIcon />)).toContain('<path d="M3.5 2.8h8.2l-1.8 3 1.8 3H3.5" fill="currentColor">');
    expect(markup(<ArchiveIcon />)).toContain('<rect x="2" y="2.8" width="12" height="3.2" rx="0.8">');
    expect(markup(<SkipCircleIcon />)).toContain('<circle cx="8" cy="8" r="6" stroke-dasharray="2 2">');
  });

  it('sort descending or ascending', () => {
    expect(markup(<SortIcon />)).toContain('d="M2.5 4h6M2.5 8h4.5M2.5 12h3"');
    expect(markup(<SortIcon descending={false} />)).toContain('d="M2.5 4h3M2.5 8h4.5M2.5 12h6"');
  });

  it('pick a folder role icon, a plain folder without a role, and nothing for a remote source', () => {
    expect(markup(<FolderRoleIcon folderRole="archive" />)).toBe(markup(<ArchiveIcon />));
    expect(markup(<FolderRoleIcon folderRole={null} />)).toContain('d="M2 4.3a1 1 0 0 1 1-1h3.1');
    expect(markup(<SourceKindIcon kind="mbox" />)).toContain('<svg');
    expect(markup(<SourceKindIcon kind="imap" />)).toBe('');
  });
});
