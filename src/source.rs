//! A post's bytes as text: BOM, line endings, and byte offset -> (line, character column).

use std::ops::Range;

/// A byte range into [`SourceFile::text`].
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn shift(self, by: usize) -> Self {
        Span::new(self.start + by, self.end + by)
    }
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Why a file could not be taken as text. Each becomes a file-level finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotText {
    /// Byte offset of the first invalid sequence.
    InvalidUtf8 {
        offset: usize,
    },
    /// Byte offset of the first NUL byte.
    Binary {
        offset: usize,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
}

/// A post's text. `text` has the BOM removed; offsets everywhere are into `text`.
#[derive(Debug)]
pub struct SourceFile {
    pub text: String,
    pub bom: bool,
    line_starts: Vec<usize>,
    /// Characters before every [`CHAR_STEP`]th byte, so a column on a long line is counted
    /// from the nearest mark, not from the line start (findings on one 10 MB line stay fast).
    char_marks: Vec<usize>,
}

const CHAR_STEP: usize = 1024;

/// Characters in a byte slice of UTF-8 text, cut anywhere: the bytes that start a character.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

pub const BOM: &str = "\u{feff}";

impl SourceFile {
    pub fn new(text: String) -> Self {
        let (text, bom) = match text.strip_prefix(BOM) {
            Some(rest) => (rest.to_owned(), true),
            None => (text, false),
        };
        let line_starts = std::iter::once(0)
            .chain(memchr_lines(&text))
            .collect::<Vec<_>>();
        let mut char_marks = vec![0];
        for chunk in text.as_bytes().chunks(CHAR_STEP) {
            let last = char_marks.last().copied().unwrap_or(0);
            char_marks.push(last + chars_in(chunk));
        }
        SourceFile {
            text,
            bom,
            line_starts,
            char_marks,
        }
    }

    /// Decode raw bytes. Binary (a NUL byte in the first 8 KiB) and invalid UTF-8 are refused.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, NotText> {
        if let Some(offset) = bytes.iter().take(8192).position(|&b| b == 0) {
            return Err(NotText::Binary { offset });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(text)),
            Err(e) => Err(NotText::InvalidUtf8 {
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    /// 1-based line and 1-based column in characters (not bytes: Hangul is 3 bytes a char).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self.chars_before(offset) - self.chars_before(start) + 1;
        (line + 1, col)
    }

    /// Characters in `text[..offset]`.
    fn chars_before(&self, offset: usize) -> usize {
        let k = offset / CHAR_STEP;
        let from = k * CHAR_STEP;
        self.char_marks.get(k).copied().unwrap_or(0) + chars_in(&self.text.as_bytes()[from..offset])
    }

    /// Byte offset of the start of 1-based `line` (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Byte range of 1-based `line` without its line ending.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1);
        let bytes = self.text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
            if end > start && bytes.get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
        }
        Span::new(start, end.max(start))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Whether the file mostly uses CRLF; fixes write new line breaks the same way.
    pub fn crlf(&self) -> bool {
        self.text.contains("\r\n")
    }

    pub fn floor_char_boundary(&self, mut i: usize) -> usize {
        i = i.min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

fn memchr_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let s = SourceFile::new("# 제목\n총 700개\n".to_owned());
        assert_eq!(s.line_col(0), (1, 1));
        let off = s.text.find("700").unwrap();
        assert_eq!(s.line_col(off), (2, 3));
    }

    #[test]
    fn columns_on_a_long_line_match_a_plain_count() {
        let line = "가a🏗️ 12 ".repeat(2000);
        let s = SourceFile::new(format!("x\n{line}\n{line}"));
        for off in (0..s.text.len()).step_by(997) {
            let off = s.floor_char_boundary(off);
            let (l, c) = s.line_col(off);
            let start = s.line_start(l);
            assert_eq!(c, s.text[start..off].chars().count() + 1, "at {off}");
        }
    }

    #[test]
    fn bom_is_removed_and_remembered() {
        let s = SourceFile::from_bytes("\u{feff}---\n".as_bytes().to_vec()).unwrap();
        assert!(s.bom);
        assert_eq!(s.text, "---\n");
    }

    #[test]
    fn crlf_lines() {
        let s = SourceFile::new("a\r\nb\r\n".to_owned());
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_span(1), Span::new(0, 1));
        assert!(s.crlf());
    }

    #[test]
    fn binary_and_invalid_utf8_are_refused() {
        assert!(matches!(
            SourceFile::from_bytes(vec![b'a', 0, b'b']),
            Err(NotText::Binary { offset: 1 })
        ));
        assert!(matches!(
            SourceFile::from_bytes(vec![b'a', 0xff]),
            Err(NotText::InvalidUtf8 { offset: 1 })
        ));
    }
}
