import type { TextBlock } from './blocks';
import type { Token } from './tokens';
import type { CheckedField } from './types';

/** A piece of checked text: a whole field, or one body block. */
export interface Segment {
  field: CheckedField;
  text: string;
  tokens: Token[];
  /** The body block, for body segments. */
  block?: TextBlock;
}

/** Where a segment is, in words: "the headline", "paragraph 5". */
export function describeSegment(s: Pick<Segment, 'field' | 'block'>): string {
  switch (s.field) {
    case 'headline':
      return 'the headline';
    case 'contentHighlight':
      return 'the Content Highlight';
    case 'byline':
      return 'the byline';
    case 'dateline':
      return 'the dateline';
    default:
      return s.block
        ? `${s.block.type === 'heading' ? 'subheading' : 'paragraph'} ${s.block.index + 1}`
        : 'the body';
  }
}
