//! LSP positions: 0-based lines and UTF-16 code units, as the protocol requires. A Hangul
//! syllable is 3 bytes, 1 character and 1 unit; an emoji is 4 bytes, 1 character and 2
//! units. Positions are derived from the same byte spans every report uses.

use crate::source::Span;
use lsp_types::{Position, Range};

/// Bytes between marks of the UTF-16 count, so a column on a very long line is counted
/// from the nearest mark, not from the line start.
const STEP: usize = 1024;

/// UTF-16 units in a slice of UTF-8 cut anywhere: every byte that starts a character
/// counts one, and a 4-byte character (outside the BMP) one more.
fn units_in(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0))
        .sum()
}

/// Line starts and UTF-16 marks of one document's text.
#[derive(Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// UTF-16 units before every [`STEP`]th byte.
    marks: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        let mut marks = vec![0];
        for chunk in bytes.chunks(STEP) {
            let last = marks.last().copied().unwrap_or(0);
            marks.push(last + units_in(chunk));
        }
        LineIndex {
            line_starts,
            marks,
            len: text.len(),
        }
    }

    /// UTF-16 units in `text[..offset]`.
    fn units_before(&self, text: &str, offset: usize) -> usize {
        let k = offset / STEP;
        self.marks.get(k).copied().unwrap_or(0) + units_in(&text.as_bytes()[k * STEP..offset])
    }

    /// The position of a byte offset (clamped to the text, moved back to a character
    /// boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(self.len).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self.units_before(text, offset) - self.units_before(text, start);
        Position::new(line as u32, col as u32)
    }

    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end.max(span.start)),
        )
    }

    /// The byte offset of a position: a line past the end is the end of the text, a
    /// character past the end of its line is the end of the line, and a position inside a
    /// character (between the two units of an emoji) is that character's start.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.line_starts.get(line) else {
            return text.len();
        };
        let mut end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let target = self.units_before(text, start) + pos.character as usize;
        // Jump to the last mark on this line at or before the target, then walk.
        let (mut at, mut units) = (start, self.units_before(text, start));
        let (first, last) = (start / STEP + 1, end / STEP);
        if first <= last {
            let k = first + self.marks[first..=last].partition_point(|&u| u <= target);
            if k > first {
                // Back to a character boundary: at most the units of the mark.
                let mut b = (k - 1) * STEP;
                while !text.is_char_boundary(b) {
                    b -= 1;
                }
                at = b;
                units = self.units_before(text, b);
            }
        }
        for c in text[at..end].chars() {
            let next = units + c.len_utf16();
            if next > target {
                break;
            }
            units = next;
            at += c.len_utf8();
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(text: &str) {
        let ix = LineIndex::new(text);
        for (off, c) in text.char_indices().chain([(text.len(), ' ')]) {
            // Inside a CRLF line break: the end of the line.
            if c == '\n' && text[..off].ends_with('\r') {
                continue;
            }
            let p = ix.position(text, off);
            assert_eq!(ix.offset(text, p), off, "offset {off} at {p:?} in {text:?}");
        }
    }

    #[test]
    fn hangul_and_emoji_count_utf16_units() {
        let text = "# 제목 🏗️ 끝\n총 700개 😀x\r\n";
        let ix = LineIndex::new(text);
        let x = text.find('x').unwrap();
        // `총 700개 ` is 7 characters, the emoji 2 units.
        assert_eq!(ix.position(text, x), Position::new(1, 9));
        let end = text.find(" 끝").unwrap();
        // `# 제목 ` 5, 🏗 2, the variation selector 1.
        assert_eq!(ix.position(text, end), Position::new(0, 8));
        roundtrip(text);
    }

    #[test]
    fn long_lines_and_out_of_range_positions() {
        let text = format!("{}x\n둘", "가😀".repeat(3000));
        roundtrip(&text);
        let ix = LineIndex::new(&text);
        let x = text.find('x').unwrap();
        assert_eq!(ix.position(&text, x), Position::new(0, 9000));
        assert_eq!(ix.offset(&text, Position::new(0, 9000)), x);
        // Past the line's end: the end of the line; past the last line: the end.
        assert_eq!(ix.offset(&text, Position::new(0, 99_999)), x + 1);
        assert_eq!(ix.offset(&text, Position::new(7, 0)), text.len());
        // Between the two units of an emoji: its start.
        assert_eq!(ix.offset(&text, Position::new(0, 2)), "가".len());
        // An offset inside a character: the character's start.
        assert_eq!(ix.position(&text, 1), Position::new(0, 0));
    }
}
