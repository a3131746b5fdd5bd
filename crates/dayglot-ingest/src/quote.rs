//! Quotation marks: which open and which close, from the language's pairs (data:
//! `LanguageRules::quote_pairs`, by default the pairs of Latin and Cyrillic typography).

use dayglot_core::{Quote, Span};

/// Tracks open quotations across pieces of text.
#[derive(Debug, Clone)]
pub(crate) struct QuoteScanner {
    /// Opening and closing marks.
    pairs: Vec<(char, char)>,
    /// Open quotations: the opening mark and its byte offset (relative to all text fed).
    stack: Vec<(char, usize)>,
    /// Bytes fed so far.
    offset: usize,
    /// Quotations found so far.
    found: Vec<Quote>,
}

impl QuoteScanner {
    /// A scanner for the given pairs.
    pub(crate) fn new(pairs: Vec<(char, char)>) -> Self {
        Self {
            pairs,
            stack: Vec::new(),
            offset: 0,
            found: Vec::new(),
        }
    }

    /// Feeds the next piece of text.
    pub(crate) fn feed(&mut self, text: &str) {
        for (i, c) in text.char_indices() {
            let at = self.offset + i;
            let top = self.stack.last().map(|&(m, _)| m);
            let closes = top.is_some_and(|t| self.pairs.iter().any(|&(o, cl)| o == t && cl == c));
            if closes {
                if let Some((_, start)) = self.stack.pop() {
                    let depth = u8::try_from(self.stack.len()).unwrap_or(u8::MAX);
                    self.found.push(Quote {
                        span: Span::new(start, at + c.len_utf8()),
                        depth,
                        closed: true,
                    });
                }
            } else if self.pairs.iter().any(|&(o, _)| o == c)
                // `‘` after a letter is an apostrophe (`don‘t`), not a quotation.
                && (c != '‘' || !prev_is_letter(text, i))
            {
                self.stack.push((c, at));
            }
        }
        self.offset += text.len();
    }

    /// Whether a quotation is open.
    pub(crate) fn is_open(&self) -> bool {
        !self.stack.is_empty()
    }

    /// The quotations found, in order of their opening mark; unclosed ones run to the end.
    pub(crate) fn finish(mut self) -> Vec<Quote> {
        while let Some((_, start)) = self.stack.pop() {
            let depth = u8::try_from(self.stack.len()).unwrap_or(u8::MAX);
            self.found.push(Quote {
                span: Span::new(start, self.offset),
                depth,
                closed: false,
            });
        }
        self.found.sort_by_key(|q| q.span.start);
        self.found
    }
}

/// `‘` right after a letter is a misused apostrophe, not an opening mark.
fn prev_is_letter(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The quotations of one segment's text.
pub(crate) fn quotes(text: &str, pairs: &[(char, char)]) -> Vec<Quote> {
    let mut scanner = QuoteScanner::new(pairs.to_vec());
    scanner.feed(text);
    scanner.finish()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn nested_and_language_specific_marks() {
        let text = "„Той каза ‚не‘ днес“ and \"x 'y' z\" «a „b“ c»";
        let q = quotes(text, &crate::rules::DEFAULT_QUOTE_PAIRS);
        let got: Vec<(&str, u8)> = q.iter().map(|q| (&text[q.span.range()], q.depth)).collect();
        assert_eq!(
            got,
            [
                ("„Той каза ‚не‘ днес“", 0),
                ("‚не‘", 1),
                ("\"x 'y' z\"", 0),
                ("«a „b“ c»", 0),
                ("„b“", 1)
            ]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(
            quotes(
                "Zelensky’s and Russia's",
                &crate::rules::DEFAULT_QUOTE_PAIRS
            )
            .is_empty()
        );
    }
}
