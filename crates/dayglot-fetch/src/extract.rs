//! From an article page to the summary: title, lead, headline list, section headings,
//! paragraphs and embedded posts, without the page chrome; and from there to the corpus's
//! plain-text layout.

use scraper::{ElementRef, Html, Node, Selector};

/// The summary found in an article page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The article's title (its `<h1>`, else `og:title`, else `<title>`).
    pub title: Option<String>,
    /// The lead line before the headline list ("Summary of key events in the last 24 hours:").
    pub lead: Option<String>,
    /// The headline list (the first list of the article body).
    pub headlines: Vec<String>,
    /// The body after the headline list, in reading order.
    pub blocks: Vec<Block>,
    /// The page's language (`<html lang>`), if declared.
    pub lang: Option<String>,
    /// The canonical URL (`<link rel=canonical>` or `og:url`), resolved against the base URL.
    pub canonical_url: Option<String>,
    /// What the extraction had to guess, for the editor (e.g. no `<article>` element).
    pub notes: Vec<String>,
}

/// One block of the article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading (`<h2>`..`<h6>`).
    Heading(String),
    /// A paragraph.
    Paragraph(String),
    /// An embedded social-media post.
    Post(Post),
}

/// An embedded post (a tweet embed: `<blockquote class="twitter-tweet">`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// The post's text, with its media link (`... pic.twitter.com/...`).
    pub text: String,
    /// The signature after it: `— Author (@handle) Date`.
    pub signature: String,
}

impl Extracted {
    /// The section headings, in order.
    pub fn headings(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Heading(h) => Some(h.as_str()),
            _ => None,
        })
    }

    /// The paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
    }

    /// The embedded posts, in order.
    pub fn posts(&self) -> impl Iterator<Item = &Post> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Post(p) => Some(p),
            _ => None,
        })
    }

    /// True when nothing of a summary was found.
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.headlines.is_empty() && self.blocks.is_empty()
    }
}

/// How deep elements are followed. Real pages nest a few dozen levels; a hostile page could nest
/// far more and exhaust the stack of a recursive walk.
const MAX_DEPTH: usize = 256;

/// Element names whose content is never part of the article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "svg",
    "figure",
    "figcaption",
    "time",
    "select",
    "input",
    "object",
    "video",
    "audio",
    "canvas",
    "dialog",
];

/// Class or id words that mark page chrome (matched against each `-`/`_`-separated word).
const CHROME_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "meta",
    "newsletter",
    "promo",
    "related",
    "share",
    "sharing",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "tags",
    "outbrain",
    "taboola",
    "recommended",
    "popular",
    "author",
    "menu",
    "nav",
    "navbar",
    "sidebar",
    "widget",
    "footer",
    "toolbar",
    "modal",
    "popup",
    "paywall",
];

/// Elements that start a new block; everything else is inline text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "summary",
];

/// Extracts the summary from an article page. `base_url` resolves relative URLs.
///
/// The article is the first of `[itemprop=articleBody]`, `<article>`, `<main>`, `<body>`;
/// inside it, scripts, navigation, asides, share buttons, ads, related links and cookie banners
/// are dropped (by element name, and by class or id words such as `share`, `ad`, `related`).
pub fn extract(html: &str, base_url: &str) -> Extracted {
    let doc = Html::parse_document(html);
    let mut out = Extracted {
        lang: select_first(&doc, "html")
            .and_then(|e| e.value().attr("lang"))
            .map(str::to_owned),
        canonical_url: select_first(&doc, "link[rel=canonical]")
            .and_then(|e| e.value().attr("href"))
            .or_else(|| {
                select_first(&doc, "meta[property='og:url']")
                    .and_then(|e| e.value().attr("content"))
            })
            .map(|href| resolve(base_url, href)),
        ..Extracted::default()
    };
    let root = ["[itemprop=articleBody]", "article", "main", "body"]
        .iter()
        .find_map(|s| select_first(&doc, s).map(|e| (*s, e)));
    let Some((found_by, root)) = root else {
        out.notes.push("the page has no body".into());
        return out;
    };
    if found_by != "article" && found_by != "[itemprop=articleBody]" {
        out.notes.push(format!(
            "the page has no <article> element; the text was taken from <{found_by}>"
        ));
    }
    // The title is usually in the article's header, which may sit outside articleBody.
    let title_scope = if found_by == "[itemprop=articleBody]" {
        select_first(&doc, "article")
    } else {
        None
    };
    let mut walker = Walker {
        out: &mut out,
        depth: 0,
        in_body: false,
    };
    if let Some(scope) = title_scope {
        if let Some(h1) = scope.select(&selector("h1")).next() {
            walker.out.title = Some(inline_text(h1)).filter(|t| !t.is_empty());
        }
        if let Some(lead) = scope
            .select(&selector(".lead, .standfirst, .summary, .article-lead"))
            .next()
            && !is_inside(lead, root)
        {
            walker.out.lead = Some(inline_text(lead)).filter(|t| !t.is_empty());
        }
    }
    walker.walk(root);
    if out.title.is_none() {
        out.title = select_first(&doc, "meta[property='og:title']")
            .and_then(|e| e.value().attr("content"))
            .map(collapse)
            .or_else(|| select_first(&doc, "title").map(inline_text))
            .filter(|t| !t.is_empty());
        if out.title.is_some() {
            out.notes.push(
                "the article has no <h1>; the title was taken from the page's metadata".into(),
            );
        }
    }
    if out.headlines.is_empty() {
        out.notes
            .push("no headline list (<ul> or <ol>) was found before the first paragraph".into());
    }
    out
}

struct Walker<'a> {
    out: &'a mut Extracted,
    /// How deep the walk is; past [`MAX_DEPTH`] deeper elements are skipped (and noted).
    depth: usize,
    /// Past the headline list (or past the first paragraph): lists are body text from here.
    in_body: bool,
}

impl Walker<'_> {
    fn walk(&mut self, element: ElementRef<'_>) {
        if self.depth >= MAX_DEPTH {
            let note = format!(
                "the page nests elements more than {MAX_DEPTH} deep; the deeper content was left out"
            );
            if !self.out.notes.contains(&note) {
                self.out.notes.push(note);
            }
            return;
        }
        self.depth += 1;
        self.walk_children(element);
        self.depth -= 1;
    }

    fn walk_children(&mut self, element: ElementRef<'_>) {
        let mut inline = String::new();
        for child in element.children() {
            match child.value() {
                Node::Text(text) => inline.push_str(text),
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_chrome(child) {
                        continue;
                    }
                    let name = child.value().name();
                    if BLOCK_ELEMENTS.contains(&name) {
                        self.paragraph(&inline);
                        inline.clear();
                        self.block(child);
                    } else if name == "br" {
                        inline.push(' ');
                    } else {
                        inline.push_str(&raw_inline_text(child));
                    }
                }
                _ => {}
            }
        }
        self.paragraph(&inline);
    }

    fn block(&mut self, element: ElementRef<'_>) {
        let name = element.value().name();
        match name {
            "h1" if self.out.title.is_none() => {
                self.out.title = Some(inline_text(element)).filter(|t| !t.is_empty())
            }
            "h1" if self.out.title.as_deref() == Some(inline_text(element).as_str()) => {}
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let text = inline_text(element);
                if !text.is_empty() {
                    self.in_body = true;
                    self.out.blocks.push(Block::Heading(text));
                }
            }
            "p" if !self.in_body
                && self.out.lead.is_none()
                && self.out.blocks.is_empty()
                && has_lead_class(element) =>
            {
                self.out.lead = Some(inline_text(element)).filter(|t| !t.is_empty());
            }
            "p" => self.paragraph(&raw_inline_text(element)),
            "ul" | "ol" if !self.in_body && self.out.headlines.is_empty() => {
                // A paragraph ending in a colon right before the list is its lead.
                if self.out.lead.is_none()
                    && let Some(Block::Paragraph(p)) = self.out.blocks.last()
                    && p.ends_with(':')
                {
                    self.out.lead = Some(p.clone());
                    self.out.blocks.pop();
                }
                self.out.headlines = element
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|li| li.value().name() == "li" && !is_chrome(*li))
                    .map(inline_text)
                    .filter(|t| !t.is_empty())
                    .collect();
                self.in_body = true;
            }
            "blockquote" if is_post(element) => {
                self.in_body = true;
                if let Some(post) = post(element) {
                    self.out.blocks.push(Block::Post(post));
                }
            }
            "hr" => {}
            _ => self.walk(element),
        }
    }

    fn paragraph(&mut self, raw: &str) {
        let text = collapse(raw);
        if text.is_empty() {
            return;
        }
        // A paragraph before the headline list (other than the lead) means there is no list.
        if self.out.lead.is_some() || !self.out.blocks.is_empty() {
            self.in_body = true;
        }
        self.out.blocks.push(Block::Paragraph(text));
    }
}

/// An embedded post: `<blockquote class="twitter-tweet">` (or any class word `tweet`/`post`).
fn is_post(element: ElementRef<'_>) -> bool {
    words(element).any(|w| matches!(w.as_str(), "tweet" | "twitter" | "embed" | "post" | "x"))
}

fn post(element: ElementRef<'_>) -> Option<Post> {
    let body = element
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "p");
    let text = body.map(inline_text).unwrap_or_default();
    let mut signature = String::new();
    for child in element.children() {
        if body.is_some_and(|b| b.id() == child.id()) {
            continue;
        }
        match child.value() {
            Node::Text(t) => signature.push_str(t),
            Node::Element(_) => {
                if let Some(e) = ElementRef::wrap(child)
                    .filter(|e| !SKIPPED_ELEMENTS.contains(&e.value().name()))
                {
                    signature.push(' ');
                    signature.push_str(&raw_inline_text(e));
                }
            }
            _ => {}
        }
    }
    let signature = collapse(&signature);
    (!text.is_empty() || !signature.is_empty()).then_some(Post { text, signature })
}

fn has_lead_class(element: ElementRef<'_>) -> bool {
    words(element).any(|w| {
        matches!(
            w.as_str(),
            "lead" | "standfirst" | "summary" | "intro" | "kicker"
        )
    })
}

/// True for elements that are page chrome, by name or by a class or id word.
fn is_chrome(element: ElementRef<'_>) -> bool {
    let e = element.value();
    SKIPPED_ELEMENTS.contains(&e.name())
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("role")
            .is_some_and(|r| matches!(r, "navigation" | "complementary" | "banner" | "dialog"))
        || words(element).any(|w| CHROME_WORDS.contains(&w.as_str()))
}

/// The lower-case words of an element's classes and id (`share-buttons` → `share`, `buttons`).
fn words<'a>(element: ElementRef<'a>) -> impl Iterator<Item = String> + 'a {
    let e = element.value();
    e.classes().chain(e.id()).flat_map(|name| {
        name.split(['-', '_'])
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
    })
}

fn is_inside(element: ElementRef<'_>, container: ElementRef<'_>) -> bool {
    element.ancestors().any(|a| a.id() == container.id())
}

/// The text of an element with inline markup flattened, whitespace collapsed.
fn inline_text(element: ElementRef<'_>) -> String {
    collapse(&raw_inline_text(element))
}

/// The text of an element, skipping chrome inside it; `<br>` and block children become spaces.
fn raw_inline_text(element: ElementRef<'_>) -> String {
    let mut text = String::new();
    push_inline_text(element, 0, &mut text);
    text
}

fn push_inline_text(element: ElementRef<'_>, depth: usize, text: &mut String) {
    if depth >= MAX_DEPTH {
        return;
    }
    for child in element.children() {
        match child.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                if is_chrome(child) {
                    continue;
                }
                if e.name() == "br" || BLOCK_ELEMENTS.contains(&e.name()) {
                    text.push(' ');
                }
                push_inline_text(child, depth + 1, text);
            }
            _ => {}
        }
    }
}

/// Collapses HTML whitespace (spaces, tabs, newlines) into single spaces and trims.
/// No-break spaces are kept: they are part of the text (`1 459`).
fn collapse(text: &str) -> String {
    text.split([' ', '\t', '\n', '\r', '\u{c}'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn selector(s: &str) -> Selector {
    // The selectors are constants of this module; a typo is a bug caught by the tests.
    Selector::parse(s)
        .unwrap_or_else(|_| Selector::parse("*").unwrap_or_else(|_| unreachable!("`*` parses")))
}

fn select_first<'a>(doc: &'a Html, s: &str) -> Option<ElementRef<'a>> {
    doc.select(&selector(s)).next()
}

/// Resolves `href` against `base` (absolute URLs pass through).
fn resolve(base: &str, href: &str) -> String {
    match reqwest::Url::parse(base).and_then(|b| b.join(href)) {
        Ok(url) => url.to_string(),
        Err(_) => href.to_owned(),
    }
}

/// The summary in the corpus's plain-text layout (like `corpus/day-686/source.en.txt`):
/// the title and lead on one line, a blank line, the headlines separated by blank lines,
/// three blank lines, then the body: one line per paragraph, section heading or post,
/// separated by blank lines. A heading that opens the body and repeats the first headline is
/// left out, as the series writes it.
pub fn to_plain_text(extracted: &Extracted) -> String {
    let mut out = String::new();
    let first_line = [extracted.title.as_deref(), extracted.lead.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if !first_line.is_empty() {
        out.push_str(&first_line);
        out.push_str("\n\n");
    }
    if !extracted.headlines.is_empty() {
        out.push_str(&extracted.headlines.join("\n\n"));
        out.push_str("\n\n\n\n");
    }
    let mut blocks = extracted.blocks.as_slice();
    if let (Some(Block::Heading(h)), Some(first)) = (blocks.first(), extracted.headlines.first())
        && h == first
    {
        blocks = &blocks[1..];
    }
    let lines: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Heading(t) | Block::Paragraph(t) => t.clone(),
            Block::Post(p) => [p.text.as_str(), p.signature.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect();
    out.push_str(&lines.join("\n\n"));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
