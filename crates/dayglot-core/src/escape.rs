//! Escaping for each output context, shared by every stage that writes HTML, Markdown or XML
//! (the published pages, the feeds, the review page). Every text that reaches HTML, an
//! attribute, Markdown or XML goes through one of these; JSON is written by serde_json.

/// `text` with each character that `replace` maps to a string replaced by that string (an
/// empty one drops the character).
fn replace_chars(text: &str, replace: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match replace(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML element content (quotes may stay as they are there).
pub fn html(text: &str) -> String {
    replace_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    })
}

/// Escapes text for a double-quoted (or single-quoted) HTML attribute value.
pub fn attr(text: &str) -> String {
    replace_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    })
}

/// Escapes text for XML character data and attribute values (Atom). `]]>` cannot survive:
/// its `>` becomes `&gt;`.
pub fn xml(text: &str) -> String {
    replace_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        // Characters XML 1.0 forbids are dropped rather than producing an invalid feed.
        c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => Some(""),
        _ => None,
    })
}

/// Escapes text for CommonMark inline content: raw HTML and entity references become literal
/// text, emphasis, link and code markers are backslash-escaped, and a line that would start a
/// block (`#`, `>`, `-`, `+`, `1.`) is neutralised.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' if line_start => out.push_str("&gt;"),
            '\\' | '*' | '_' | '[' | ']' | '`' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' if line_start => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        line_start = c == '\n' || (line_start && c == ' ');
    }
    out
}

/// A link target for an `href`: `pic.twitter.com/x` gets `https://`; anything with a scheme
/// other than http(s) is refused (no `javascript:` links from input).
pub fn url(link: &str) -> Option<String> {
    let link = link.trim();
    if link.is_empty() || link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let lower = link.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(link.to_owned())
    } else if lower.contains(':') {
        None
    } else {
        Some(format!("https://{link}"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_inert_in_every_context() {
        let evil = "<script>alert(\"x\")</script> & ]]> 'q'";
        assert_eq!(
            html(evil),
            "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; ]]&gt; 'q'"
        );
        assert_eq!(
            attr(evil),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; &#39;q&#39;"
        );
        assert_eq!(
            xml(evil),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; &apos;q&apos;"
        );
        assert_eq!(
            markdown(evil),
            "&lt;script>alert(\"x\")&lt;/script> &amp; \\]\\]> 'q'"
        );
        assert_eq!(markdown("# not a heading *x*"), "\\# not a heading \\*x\\*");
        assert_eq!(url("javascript:alert(1)"), None);
        assert_eq!(
            url("pic.twitter.com/abc").as_deref(),
            Some("https://pic.twitter.com/abc")
        );
    }
}
