//! From an article page to the summary: title, lead, headline list, section headings,
//! paragraphs and embedded posts, without the page chrome; and from there to the corpus's
//! plain-text layout.
//!
//! Extraction reads the page's own structure, never rules for one outlet. It runs in two steps:
//! the walk turns the article's elements into a flat sequence of items (headings, paragraphs,
//! lists, posts and furniture), and `arrange` maps that sequence to the summary's model: the
//! title, the lead, the headline list (with or without a label before it) and the body.

use scraper::{ElementRef, Html, Node, Selector};

/// The summary found in an article page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The article's title (its `<h1>`, else `og:title`, else `<title>`).
    pub title: Option<String>,
    /// The lead line before the headline list ("Summary of key events in the last 24 hours:").
    pub lead: Option<String>,
    /// The headline list: the first list (`<ul>`, `<ol>`, or bullet lines separated by `<br>`)
    /// before the body, after at most a lead and a label.
    pub headlines: Vec<String>,
    /// The body after the headline list, in reading order.
    pub blocks: Vec<Block>,
    /// The page's language (`<html lang>`), if declared.
    pub lang: Option<String>,
    /// The canonical URL (`<link rel=canonical>` or `og:url`), resolved against the base URL.
    pub canonical_url: Option<String>,
    /// What the extraction had to guess, for the editor (e.g. no `<article>` element).
    pub notes: Vec<String>,
    /// Text inside the article that is page furniture, not content: photo captions and credits,
    /// bylines, datelines, the label of the headline list ("Key events:"). Kept for the editor,
    /// never part of the summary.
    pub furniture: Vec<String>,
}

/// One block of the article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading (`<h2>`..`<h6>`, or a paragraph that is all bold).
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
    "script", "style", "noscript", "template", "iframe", "nav", "aside", "footer", "form",
    "button", "svg", "select", "input", "object", "video", "audio", "canvas", "dialog", "picture",
    "source",
];

/// Element names whose text is furniture: captions, figures, contact blocks (bylines).
const FURNITURE_ELEMENTS: &[&str] = &["figure", "figcaption", "address"];

/// Class or id words that mark page chrome (matched against each `-`/`_`-separated word).
const CHROME_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "breadcrumb",
    "breadcrumbs",
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

/// Class or id words that mark furniture between the content: its text is kept in
/// [`Extracted::furniture`], never in the summary.
const FURNITURE_WORDS: &[&str] = &[
    "author",
    "byline",
    "caption",
    "credit",
    "credits",
    "copyright",
    "dateline",
    "figure",
    "gallery",
    "image",
    "img",
    "photo",
    "picture",
    "timestamp",
    "wp-caption",
];

/// `itemprop` values of furniture (schema.org): the author, captions, credits, dates.
const FURNITURE_ITEMPROPS: &[&str] = &[
    "author",
    "caption",
    "copyrightHolder",
    "creator",
    "creditText",
    "dateModified",
    "datePublished",
    "image",
];

/// Elements that start a new block; everything else is inline text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
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

/// Characters that mark a line as a list item when several lines in a row start with the same
/// one (`• A<br>• B`). A numbered line (`1.`, `2)`) counts as the glyph `#`.
const BULLETS: &[char] = &[
    '•', '●', '▪', '■', '◦', '‣', '⁃', '►', '▶', '✔', '✓', '·', '*', '-', '–', '—',
];

/// Headings and headlines are short: a bold paragraph longer than this is a paragraph.
const MAX_HEADING_CHARS: usize = 250;

/// A label before the headline list ("Key events:", "Основни събития") has at most this many
/// words.
const MAX_LABEL_WORDS: usize = 10;

/// Furniture marked by a class word holds at most this many words (a caption, a credit, a
/// byline); more is content in a box with an unlucky class name.
const MAX_FURNITURE_WORDS: usize = 60;

/// What is left of a line around furniture ("By", "Photo:") has at most this many words.
const MAX_FURNITURE_REST_WORDS: usize = 3;

/// A caption written as an italic or small paragraph has at most this many words.
const MAX_CAPTION_WORDS: usize = 20;

/// What the walk finds in the article, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// `<h1>`..`<h6>`.
    Heading { level: u8, text: String },
    /// A paragraph (or loose text between blocks).
    Para {
        text: String,
        /// All of its text is bold: a heading or a label written as a paragraph.
        bold: bool,
        /// Inside an element marked as the lead (`class="lead"`, `standfirst`, ...).
        lead: bool,
        /// The bold words it opens with, when the rest is not bold: a section heading run into
        /// its paragraph, if it repeats a headline.
        lead_in: Option<String>,
    },
    /// A list: `<ul>`/`<ol>`, or bullet lines. `raw` are the lines as written (with their
    /// bullets), for a list that turns out to be body text.
    List {
        items: Vec<String>,
        raw: Vec<String>,
    },
    /// An embedded post.
    Post(Post),
    /// Furniture: a caption, a credit, a byline.
    Furniture(String),
}

/// Extracts the summary from an article page. `base_url` resolves relative URLs.
///
/// The article is the first of `[itemprop=articleBody]`, `<article>`, `<main>`, `<body>`;
/// inside it, scripts, navigation, asides, share buttons, ads, related links and cookie banners
/// are dropped (by element name, and by class or id words such as `share`, `ad`, `related`), and
/// captions, credits and bylines are kept apart in [`Extracted::furniture`].
///
/// The page's structure gives the model: the `<h1>` is the title; a paragraph before the
/// headline list (or one marked `lead`, `standfirst`, ...) is the lead; the headline list is a
/// `<ul>`/`<ol>`, or bullet lines (`•`, `-`, `1.`) separated by `<br>` or written as paragraphs,
/// with or without a label before it ("Key events:", which is left out); after it, headings of
/// any level and paragraphs that are all bold are section headings, blockquotes are paragraphs,
/// and tweet embeds are posts.
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
    if found_by == "[itemprop=articleBody]"
        && let Some(scope) = root
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "article")
    {
        if let Some(h1) = scope.select(&selector("h1")).next()
            && !is_inside(h1, root)
        {
            out.title = Some(inline_text(h1)).filter(|t| !t.is_empty());
        }
        if let Some(lead) = scope
            .select(&selector("*"))
            .find(|e| has_lead_class(*e) && !is_inside(*e, root) && !is_chrome(*e))
        {
            out.lead = Some(inline_text(lead)).filter(|t| !t.is_empty());
        }
    }
    let mut walker = Walker {
        items: Vec::new(),
        notes: &mut out.notes,
        depth: 0,
        lead: false,
    };
    walker.walk(root);
    let items = walker.items;
    let metadata_title = select_first(&doc, "meta[property='og:title']")
        .and_then(|e| e.value().attr("content"))
        .map(collapse)
        .or_else(|| select_first(&doc, "title").map(inline_text))
        .filter(|t| !t.is_empty());
    arrange(items, metadata_title, &mut out);
    out
}

/// Maps the walked items to the model: title, lead, headline list (and its label), body.
fn arrange(items: Vec<Item>, metadata_title: Option<String>, out: &mut Extracted) {
    let mut items = merge_bullet_paragraphs(items);
    // The title: the first <h1> (when the article's header did not give it); an <h1> that
    // repeats it is dropped. Without an <h1>, a heading that opens the article and is the
    // page's metadata title.
    if out.title.is_none() {
        if let Some(i) = items
            .iter()
            .position(|i| matches!(i, Item::Heading { level: 1, .. }))
            && let Item::Heading { text, .. } = items.remove(i)
        {
            out.title = Some(text);
        } else if let Some(meta) = &metadata_title
            && let Some(i) = items.iter().position(|i| !matches!(i, Item::Furniture(_)))
            && let Item::Heading { text, .. } = &items[i]
            // The metadata title may carry the site's name after it (`Day 7 | The Ledger`).
            && (same_text(text, meta)
                || (meta.starts_with(text.as_str()) && text.split_whitespace().count() >= 3))
        {
            out.title = Some(text.clone());
            items.remove(i);
        }
    }
    if let Some(title) = &out.title {
        items.retain(|i| !matches!(i, Item::Heading { level: 1, text } if same_text(text, title)));
    }
    if out.title.is_none() {
        out.title = metadata_title;
        if out.title.is_some() {
            out.notes.push(
                "the article has no <h1>; the title was taken from the page's metadata".into(),
            );
        }
    }

    // The lead marked as such, and the headline list after at most a lead and a label.
    let mut lead_marked = None;
    let mut before = Vec::new();
    let mut list = None;
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Furniture(_) => {}
            Item::Para { lead: true, .. } if out.lead.is_none() && lead_marked.is_none() => {
                lead_marked = Some(i);
            }
            Item::List { .. } => {
                list = Some(i);
                break;
            }
            Item::Post(_) => break,
            _ => {
                before.push(i);
                if before.len() > 2 {
                    break;
                }
            }
        }
    }
    let text_of = |i: usize| match &items[i] {
        Item::Heading { text, .. } | Item::Para { text, .. } => text.clone(),
        _ => String::new(),
    };
    let has_lead = out.lead.is_some() || lead_marked.is_some();
    // (lead, label) among the items before the list, when they fit.
    let shape = match (has_lead, before.as_slice()) {
        (_, []) => Some((None, None)),
        (false, [one]) => Some((Some(*one), None)),
        (true, [one]) if is_label(&items[*one]) => Some((None, Some(*one))),
        (false, [lead, label])
            if matches!(items[*lead], Item::Para { bold: false, .. })
                && is_label(&items[*label]) =>
        {
            Some((Some(*lead), Some(*label)))
        }
        _ => None,
    };
    if let Some(i) = lead_marked {
        out.lead = Some(text_of(i)).filter(|t| !t.is_empty());
    }
    // The items already placed (lead, label, list and what came before it).
    let mut skip = vec![false; items.len()];
    if let Some(i) = lead_marked {
        skip[i] = true;
    }
    match (list, shape) {
        (Some(list), Some((lead, label))) => {
            if let Some(lead) = lead {
                out.lead = Some(text_of(lead));
            }
            if let Item::List {
                items: headlines, ..
            } = &items[list]
            {
                out.headlines = headlines.clone();
            }
            for i in lead.into_iter().chain(label) {
                skip[i] = true;
            }
            skip[list] = true;
            // The label, and furniture before the list, go to the furniture in reading order.
            for (i, item) in items.iter().enumerate().take(list) {
                if let Item::Furniture(text) = item {
                    out.furniture.push(text.clone());
                } else if Some(i) == label {
                    let text = text_of(i);
                    out.notes.push(format!(
                        "`{text}` labels the headline list; it was left out of the text"
                    ));
                    out.furniture.push(text);
                }
                skip[i] = true;
            }
        }
        _ => out
            .notes
            .push("no headline list (<ul> or <ol>) was found before the first paragraph".into()),
    }
    for (i, item) in items.into_iter().enumerate() {
        if skip[i] {
            continue;
        }
        match item {
            Item::Heading { text, .. } => out.blocks.push(Block::Heading(text)),
            Item::Para {
                text, bold: true, ..
            } if text.chars().count() <= MAX_HEADING_CHARS => out.blocks.push(Block::Heading(text)),
            Item::Para {
                text,
                lead_in: Some(lead_in),
                ..
            } if out.headlines.iter().any(|h| same_text(h, &lead_in)) => {
                // A bold lead-in that repeats a headline opens its section.
                let rest = text
                    .strip_prefix(lead_in.as_str())
                    .unwrap_or(&text)
                    .trim_start()
                    .trim_start_matches([':', '–', '—', '-'])
                    .trim_start();
                out.blocks.push(Block::Heading(lead_in.clone()));
                if !rest.is_empty() {
                    out.blocks.push(Block::Paragraph(rest.to_owned()));
                }
            }
            Item::Para { text, .. } => out.blocks.push(Block::Paragraph(text)),
            Item::List { raw, .. } => out.blocks.extend(raw.into_iter().map(Block::Paragraph)),
            Item::Post(post) => out.blocks.push(Block::Post(post)),
            Item::Furniture(text) => out.furniture.push(text),
        }
    }
}

/// A label of the headline list: a heading, a bold paragraph, or a short paragraph that is not
/// a sentence ("Key events:", "Основни събития").
fn is_label(item: &Item) -> bool {
    match item {
        Item::Heading { .. } | Item::Para { bold: true, .. } => true,
        Item::Para { text, .. } => {
            text.split_whitespace().count() <= MAX_LABEL_WORDS && !ends_sentence(text)
        }
        _ => false,
    }
}

/// Paragraphs in a row that each start with the same bullet (`<p>• A</p><p>• B</p>`) are a
/// list, when they come before anything else of the body (in the body they stay paragraphs,
/// as written: a dash there opens a line of dialogue).
fn merge_bullet_paragraphs(items: Vec<Item>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut seen_list = false;
    let mut iter = items.into_iter().peekable();
    while let Some(item) = iter.next() {
        let glyph = match &item {
            Item::Para {
                text, bold: false, ..
            } if !seen_list => bullet(text).map(|(g, _)| g),
            _ => None,
        };
        let Some(glyph) = glyph else {
            seen_list |= matches!(item, Item::List { .. });
            out.push(item);
            continue;
        };
        let mut run = vec![item];
        while let Some(Item::Para {
            text, bold: false, ..
        }) = iter.peek()
            && bullet(text).is_some_and(|(g, _)| g == glyph)
        {
            run.extend(iter.next());
        }
        if run.len() >= 2 {
            let raw: Vec<String> = run
                .into_iter()
                .filter_map(|i| match i {
                    Item::Para { text, .. } => Some(text),
                    _ => None,
                })
                .collect();
            let items = raw
                .iter()
                .filter_map(|t| bullet(t).map(|(_, rest)| rest.to_owned()))
                .collect();
            out.push(Item::List { items, raw });
            seen_list = true;
        } else {
            out.extend(run);
        }
    }
    out
}

/// The bullet a line starts with (`#` for a number: `1.`, `12)`) and the text after it.
fn bullet(line: &str) -> Option<(char, &str)> {
    let line = line.trim_start();
    let first = line.chars().next()?;
    if BULLETS.contains(&first) {
        let rest = line[first.len_utf8()..].trim_start();
        // `-5C` or `—` alone are not items.
        let next = line[first.len_utf8()..].chars().next()?;
        return (next.is_whitespace() && !rest.is_empty()).then_some((first, rest));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &line[digits..];
        let rest = rest.strip_prefix(['.', ')'])?;
        return (rest.starts_with(char::is_whitespace) && !rest.trim().is_empty())
            .then_some(('#', rest.trim_start()));
    }
    None
}

/// Whether the text ends like a sentence (a full stop, `!`, `?`, `…`, maybe inside quotes).
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '“', '»', '«', '’', ')', ']'])
        .ends_with(['.', '!', '?', '…'])
}

/// Two texts that differ only in spacing and a final full stop or colon.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| collapse(s).trim_end_matches(['.', ':']).to_owned();
    norm(a) == norm(b)
}

/// What a `<br>` becomes in gathered text (U+2028 LINE SEPARATOR): source newlines are spaces.
const LINE_BREAK: char = '\u{2028}';

/// Text gathered between block elements, with what styles its characters are in.
#[derive(Debug, Default)]
struct Inline {
    /// The text; `<br>` is a `\n`.
    text: String,
    /// Non-space characters that are bold, italic, small (or a `<time>`), or none of these.
    bold: usize,
    italic: usize,
    minor: usize,
    plain: usize,
    /// The bold text before any other text (a bold lead-in).
    lead_in: String,
    /// An image sits among the text: the text is its caption.
    image: bool,
    /// Furniture sat among the text (a byline's `<a rel=author>`): what is left of a short
    /// line around it ("By", "Photo:") is furniture too. The index of the first furniture item
    /// it gave.
    furniture_from: Option<usize>,
    /// The text with that furniture's text in its place ("By Ledger staff").
    with_furniture: String,
}

/// The style an inline element gives its text.
#[derive(Debug, Clone, Copy, Default)]
struct Style {
    bold: bool,
    italic: bool,
    minor: bool,
}

impl Style {
    fn of(self, element: ElementRef<'_>) -> Self {
        let mut style = self;
        match element.value().name() {
            "b" | "strong" => style.bold = true,
            "i" | "em" => style.italic = true,
            "small" | "time" => style.minor = true,
            _ => {}
        }
        style
    }
}

impl Inline {
    fn push(&mut self, text: &str, style: Style) {
        self.text.push_str(text);
        self.with_furniture.push_str(text);
        let n = text.chars().filter(|c| !c.is_whitespace()).count();
        if style.bold && !style.minor && self.plain + self.italic + self.minor == 0 {
            self.lead_in.push_str(text);
        }
        if style.minor {
            self.minor += n;
        } else if style.bold {
            self.bold += n;
        } else if style.italic {
            self.italic += n;
        } else {
            self.plain += n;
        }
    }
}

struct Walker<'a> {
    items: Vec<Item>,
    notes: &'a mut Vec<String>,
    /// How deep the walk is; past [`MAX_DEPTH`] deeper elements are skipped (and noted).
    depth: usize,
    /// Inside an element marked as the lead.
    lead: bool,
}

impl Walker<'_> {
    fn walk(&mut self, element: ElementRef<'_>) {
        if self.depth >= MAX_DEPTH {
            let note = format!(
                "the page nests elements more than {MAX_DEPTH} deep; the deeper content was left out"
            );
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
            return;
        }
        self.depth += 1;
        let lead = self.lead;
        self.lead |= is_lead(element);
        self.walk_children(element);
        self.lead = lead;
        self.depth -= 1;
    }

    fn walk_children(&mut self, element: ElementRef<'_>) {
        let mut inline = Inline::default();
        for child in element.children() {
            match child.value() {
                Node::Text(text) => inline.push(text, Style::default()),
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = child.value().name();
                    // Block elements (and elements that are never text, such as `<aside>` or
                    // `<script>`) end the text gathered so far; inline chrome and furniture
                    // (`<span class="credit">`, `<a rel="author">`) are dealt with inline.
                    if BLOCK_ELEMENTS.contains(&name)
                        || SKIPPED_ELEMENTS.contains(&name)
                        || FURNITURE_ELEMENTS.contains(&name)
                    {
                        self.flush(&mut inline);
                        self.block(child);
                    } else {
                        self.push_inline(child, Style::default(), 0, &mut inline);
                    }
                }
                _ => {}
            }
        }
        self.flush(&mut inline);
    }

    /// Inline content: text, `<br>` as a line break, images noted; chrome inside is dropped
    /// and furniture inside kept apart.
    fn push_inline(
        &mut self,
        element: ElementRef<'_>,
        style: Style,
        depth: usize,
        inline: &mut Inline,
    ) {
        if depth >= MAX_DEPTH {
            return;
        }
        let at = self.items.len();
        if self.aside(element) {
            if is_furniture(element) {
                inline.furniture_from.get_or_insert(at);
                inline.with_furniture.push_str(&raw_inline_text(element));
            }
            return;
        }
        match element.value().name() {
            "br" => {
                inline.text.push(LINE_BREAK);
                inline.with_furniture.push(' ');
                return;
            }
            "img" => {
                // An emoji drawn as an image is a character of the text; any other image
                // makes the text around it a caption.
                match element.value().attr("alt") {
                    Some(alt) if words(element).any(|w| w == "emoji") => inline.push(alt, style),
                    _ => inline.image = true,
                }
                return;
            }
            name if BLOCK_ELEMENTS.contains(&name) => inline.text.push(' '),
            _ => {}
        }
        let style = style.of(element);
        for child in element.children() {
            match child.value() {
                Node::Text(t) => inline.push(t, style),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.push_inline(child, style, depth + 1, inline);
                    }
                }
                _ => {}
            }
        }
    }

    /// Chrome and furniture: true if the element is one (and was dealt with: furniture text
    /// kept apart, embedded posts inside it kept).
    fn aside(&mut self, element: ElementRef<'_>) -> bool {
        if is_furniture(element) {
            self.furniture(element);
            return true;
        }
        if is_chrome(element) {
            // An embed wrapped in a `social` box is still the article's post.
            if !SKIPPED_ELEMENTS.contains(&element.value().name()) {
                self.posts_inside(element);
            }
            return true;
        }
        false
    }

    /// A furniture element: its embedded posts are content, the rest of its text is furniture.
    fn furniture(&mut self, element: ElementRef<'_>) {
        let posts = self.posts_inside(element);
        if posts == 0 {
            let text = inline_text(element);
            if !text.is_empty() {
                self.items.push(Item::Furniture(text));
            }
        } else if let Some(caption) = element.select(&selector("figcaption")).next() {
            let text = inline_text(caption);
            if !text.is_empty() {
                self.items.push(Item::Furniture(text));
            }
        }
    }

    /// Pushes the embedded posts inside `element`; returns how many.
    fn posts_inside(&mut self, element: ElementRef<'_>) -> usize {
        let mut n = 0;
        for quote in element.select(&selector("blockquote")) {
            if is_post(quote)
                && let Some(post) = post(quote)
            {
                self.items.push(Item::Post(post));
                n += 1;
            }
        }
        n
    }

    fn block(&mut self, element: ElementRef<'_>) {
        if self.aside(element) {
            return;
        }
        let name = element.value().name();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let text = inline_text(element);
                if text.is_empty() {
                    return;
                }
                if self.lead || is_lead(element) {
                    self.items.push(Item::Para {
                        text,
                        bold: false,
                        lead: true,
                        lead_in: None,
                    });
                } else {
                    let level = name[1..].parse().unwrap_or(2);
                    self.items.push(Item::Heading { level, text });
                }
            }
            "ul" | "ol" => {
                let items: Vec<String> = element
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|li| li.value().name() == "li" && !is_chrome(*li))
                    .map(inline_text)
                    .filter(|t| !t.is_empty())
                    .collect();
                if !items.is_empty() {
                    self.items.push(Item::List {
                        raw: items.clone(),
                        items,
                    });
                }
            }
            "blockquote" if is_post(element) => {
                if let Some(post) = post(element) {
                    self.items.push(Item::Post(post));
                }
            }
            "hr" => {}
            _ => self.walk(element),
        }
    }

    /// Turns the text gathered since the last block into items: bullet lines into a list,
    /// captions and datelines into furniture, the rest into one paragraph.
    fn flush(&mut self, inline: &mut Inline) {
        let inline = std::mem::take(inline);
        let text = collapse(&inline.text.replace(LINE_BREAK, " "));
        if text.is_empty() {
            return;
        }
        let words = text.split_whitespace().count();
        let styled_only =
            |n: usize| n > 0 && n == inline.bold + inline.italic + inline.minor + inline.plain;
        if let Some(at) = inline.furniture_from
            && words <= MAX_FURNITURE_REST_WORDS
        {
            // One furniture line ("By Ledger staff") instead of its pieces.
            let kept: Vec<Item> = self
                .items
                .drain(at.min(self.items.len())..)
                .filter(|i| !matches!(i, Item::Furniture(_)))
                .collect();
            self.items.extend(kept);
            self.items
                .push(Item::Furniture(collapse(&inline.with_furniture)));
            return;
        }
        if (inline.image && words <= MAX_CAPTION_WORDS)
            || styled_only(inline.minor)
            || (styled_only(inline.italic) && words <= MAX_CAPTION_WORDS && !ends_sentence(&text))
        {
            self.items.push(Item::Furniture(text));
            return;
        }
        let lines: Vec<String> = inline
            .text
            .split(LINE_BREAK)
            .map(collapse)
            .filter(|l| !l.is_empty())
            .collect();
        if let Some((first, last)) = bullet_run(&lines) {
            let before = lines[..first].join(" ");
            if !before.is_empty() {
                self.para(before, false);
            }
            let raw = lines[first..last].to_vec();
            let items = raw
                .iter()
                .filter_map(|l| bullet(l).map(|(_, rest)| rest.to_owned()))
                .collect();
            self.items.push(Item::List { items, raw });
            let after = lines[last..].join(" ");
            if !after.is_empty() {
                self.para(after, false);
            }
            return;
        }
        // Plain lines under a label (`Key events:<br>A<br>B<br>C`), none of them a sentence.
        if let [label, rest @ ..] = lines.as_slice()
            && rest.len() >= 2
            && label.ends_with(':')
            && rest.iter().all(|l| {
                l.chars().count() <= MAX_HEADING_CHARS
                    && !l
                        .trim_end_matches(['"', '\'', '”', '“', '»', '«', '’'])
                        .ends_with('.')
            })
        {
            self.para(label.clone(), false);
            self.items.push(Item::List {
                items: rest.to_vec(),
                raw: rest.to_vec(),
            });
            return;
        }
        let bold = styled_only(inline.bold);
        let lead_in = collapse(&inline.lead_in.replace(LINE_BREAK, " "));
        if !bold && !lead_in.is_empty() {
            // A bold first line over the text (`<b>Heading</b><br>Text`) is a heading.
            if lines.len() >= 2 && lines[0] == lead_in {
                self.para(lead_in, true);
                self.para(lines[1..].join(" "), false);
                return;
            }
            self.items.push(Item::Para {
                text,
                bold,
                lead: self.lead,
                lead_in: Some(lead_in),
            });
            return;
        }
        self.para(text, bold);
    }

    fn para(&mut self, text: String, bold: bool) {
        self.items.push(Item::Para {
            text,
            bold,
            lead: self.lead,
            lead_in: None,
        });
    }
}

/// The first run of at least two lines that start with the same bullet: `(first, end)`.
fn bullet_run(lines: &[String]) -> Option<(usize, usize)> {
    let glyphs: Vec<Option<char>> = lines.iter().map(|l| bullet(l).map(|(g, _)| g)).collect();
    let mut i = 0;
    while i < glyphs.len() {
        if let Some(g) = glyphs[i] {
            let end = i + glyphs[i..].iter().take_while(|x| **x == Some(g)).count();
            if end - i >= 2 {
                return Some((i, end));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    None
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

/// The lead, marked by a class or id word (`lead`, `standfirst`, ...) or `itemprop=description`.
fn has_lead_class(element: ElementRef<'_>) -> bool {
    element.value().attr("itemprop") == Some("description")
        || words(element).any(|w| {
            matches!(
                w.as_str(),
                "lead"
                    | "lede"
                    | "standfirst"
                    | "summary"
                    | "intro"
                    | "kicker"
                    | "subtitle"
                    | "subhead"
                    | "dek"
                    | "deck"
                    | "abstract"
                    | "excerpt"
            )
        })
}

/// The lead's element: marked as the lead, and holding no list, heading or quote (a
/// `summary` class on a box around the whole article does not make it all a lead).
fn is_lead(element: ElementRef<'_>) -> bool {
    has_lead_class(element)
        && element
            .descendants()
            .skip(1)
            .filter_map(ElementRef::wrap)
            .all(|e| {
                !matches!(
                    e.value().name(),
                    "ul" | "ol" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "table"
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

/// True for furniture between the content: figures and captions, credits, bylines, datelines
/// (by element name, class or id word, `itemprop`, or `rel=author`).
fn is_furniture(element: ElementRef<'_>) -> bool {
    let e = element.value();
    let marked = e
        .attr("itemprop")
        .is_some_and(|p| FURNITURE_ITEMPROPS.contains(&p))
        || e.attr("rel")
            .is_some_and(|r| r.split_whitespace().any(|r| r == "author"))
        || e.classes()
            .chain(e.id())
            .any(|name| FURNITURE_WORDS.contains(&name.to_ascii_lowercase().as_str()))
        || words(element).any(|w| FURNITURE_WORDS.contains(&w.as_str()));
    FURNITURE_ELEMENTS.contains(&e.name()) || (marked && is_small(element))
}

/// Furniture is small: a box marked as an image or a byline that holds a heading, a list, a
/// paragraph after another or more than [`MAX_FURNITURE_WORDS`] words is a container of
/// content (`<div class="article-body has-image">`), not furniture.
fn is_small(element: ElementRef<'_>) -> bool {
    let mut paragraphs = 0;
    for e in element.descendants().skip(1).filter_map(ElementRef::wrap) {
        match e.value().name() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "table" | "article"
            | "section" | "blockquote" => return false,
            "p" => paragraphs += 1,
            _ => {}
        }
    }
    paragraphs <= 1 && raw_inline_text(element).split_whitespace().count() <= MAX_FURNITURE_WORDS
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
/// the title and lead on one line (joined with a full stop when the title has none), a blank
/// line, the headlines separated by blank lines, three blank lines, then the body: one line per
/// paragraph, section heading or post, separated by blank lines. A heading that opens the body
/// and repeats the first headline is left out, as the series writes it.
pub fn to_plain_text(extracted: &Extracted) -> String {
    let mut out = String::new();
    let first_line = match (extracted.title.as_deref(), extracted.lead.as_deref()) {
        (Some(title), Some(lead)) if !ends_sentence(title) && !title.ends_with([':', ';']) => {
            format!("{title}. {lead}")
        }
        (Some(title), Some(lead)) => format!("{title} {lead}"),
        (Some(one), None) | (None, Some(one)) => one.to_owned(),
        (None, None) => String::new(),
    };
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
        && same_text(h, first)
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
