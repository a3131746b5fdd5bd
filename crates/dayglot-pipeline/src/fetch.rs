//! Bringing a fetched page into the corpus: what to store and write, decided in memory from the
//! response and what the corpus already has; written only once the whole plan is known.

use dayglot_core::{DayId, Lang, Severity, SourceFile, render_diagnostics};
use dayglot_fetch::{
    Conditional, FeedEntry, FetchOutcome, Fetcher, Progress, Response, SeriesWords, block_on,
    decode_html, extract, host_of, parse_feed, render_diff, series_day, to_plain_text,
};
use dayglot_project::{DayFile, Project, Revision, RevisionMeta};

use crate::Error;

/// What happens to a day's `source.<lang>.txt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceWrite {
    /// Write it (a new day, or a page changed and the file was not edited).
    Write(String),
    /// The editor changed the file: keep it, write the fetched text beside it (`.fetched`).
    Beside(String),
    /// Nothing to write.
    Keep,
}

/// Everything to write for a fetched page.
#[derive(Debug, Clone)]
pub struct FetchPlan {
    /// The day.
    pub day: DayId,
    /// The source language of the page.
    pub lang: Lang,
    /// A new revision to store (none when the page has the same bytes as the last one).
    pub revision: Option<Revision>,
    /// The source text.
    pub source: SourceWrite,
    /// A new `day.toml`, for a day the corpus does not have yet.
    pub day_file: Option<DayFile>,
    /// What to tell the editor (`warning: ` lines are warnings).
    pub messages: Vec<String>,
}

/// The words that introduce a day number in a title ("Day 686", "Ден 686"), from the
/// `series_words` of every language's `ingest.toml`, the source language first.
pub fn series_words(project: &Project) -> Result<SeriesWords, Error> {
    let mut pairs = Vec::new();
    for lang in project.languages()? {
        for word in project.language_rules(&lang)?.series_words {
            pairs.push((lang.to_string(), word));
        }
    }
    SeriesWords::new(pairs).map_err(|e| Error::Refused(e.to_string()))
}

/// Decides everything to write for a fetched page, or why nothing may be written.
pub fn plan_day(
    project: &Project,
    words: &SeriesWords,
    response: &Response,
    day: Option<DayId>,
    lang: Option<&Lang>,
    fetched_at: &str,
) -> Result<FetchPlan, Error> {
    let url = &response.url;
    let refuse = |m: String| Error::Refused(format!("{url}: {m}"));
    let decoded = decode_html(&response.body, response.content_type.as_deref())
        .map_err(|e| refuse(e.to_string()))?;
    let mut messages = Vec::new();
    if let Some(problem) = &decoded.problem {
        messages.push(format!("warning: {url}: {problem}"));
    }
    let extracted = extract(&decoded.text, &response.final_url);
    if extracted.headlines.is_empty() && extracted.paragraphs().next().is_none() {
        return Err(refuse(
            "no day summary found in the page (no headline list and no paragraphs)".into(),
        ));
    }
    let text = to_plain_text(&extracted);
    // Page furniture is kept out of the text, and said, never dropped silently.
    for line in &extracted.furniture {
        messages.push(format!(
            "note: {url}: left out as page furniture (caption, credit, byline or label): {line}"
        ));
    }
    let title = extracted.title.clone().unwrap_or_default();
    let title_day = series_day(&title, words);
    let number = match (day, title_day) {
        (Some(day), Some(t)) if t.number != day.number() => {
            return Err(refuse(format!(
                "the page is day {} (`{title}`), not {day}",
                t.number
            )));
        }
        (Some(day), _) => day.number(),
        (None, Some(t)) => t.number,
        (None, None) => {
            return Err(refuse(format!(
                "the page's title (`{title}`) names no day; pass --day N"
            )));
        }
    };
    let day = DayId::from_number(number).ok_or_else(|| {
        refuse(format!(
            "the title names day {number}, which is not a valid day"
        ))
    })?;
    let lang = match lang {
        Some(lang) => lang.clone(),
        None => title_day
            .map(|t| t.lang.to_owned())
            .or_else(|| extracted.lang.clone())
            .and_then(|l| Lang::parse(&l).ok())
            .unwrap_or_else(|| project.config.source_lang.clone()),
    };
    let existing = project.day_file(day)?;
    if let Some(existing) = &existing
        && existing.source_lang != lang.as_str()
    {
        return Err(refuse(format!(
            "the page is in {lang} but {day} is a day in {0}; pass --lang {0} if the page is really in {0}",
            existing.source_lang
        )));
    }
    let previous = project.latest_revision(day)?;
    if let Some(prev) = &previous
        && prev.body == response.body
    {
        messages.push(format!(
            "{day}: the page has not changed since rev-{} (same bytes); nothing written",
            prev.number
        ));
        return Ok(FetchPlan {
            day,
            lang,
            revision: None,
            source: SourceWrite::Keep,
            day_file: None,
            messages,
        });
    }
    let number = previous.as_ref().map_or(1, |r| r.number + 1);
    let revision = Revision {
        number,
        meta: RevisionMeta {
            url: response.url.clone(),
            final_url: response.final_url.clone(),
            status: response.status,
            content_type: response.content_type.clone(),
            charset: decoded.charset.to_owned(),
            charset_source: decoded.source.as_str().to_owned(),
            charset_problem: decoded.problem.as_ref().map(ToString::to_string),
            etag: response.etag.clone(),
            last_modified: response.last_modified.clone(),
            fetched_at: fetched_at.to_owned(),
        },
        body: response.body.clone(),
    };
    let source_path = project.source_path(day, &lang);
    let current = project.source_file(day, &lang)?.map(|f| f.text);
    let previous_text = previous.as_ref().map(re_extract);
    let source = match current {
        None => {
            messages.push(format!("{day}: wrote {source_path}"));
            SourceWrite::Write(text)
        }
        Some(current) if current.trim_end() == text.trim_end() => {
            messages.push(format!(
                "{day}: {source_path} already has this text; left as is"
            ));
            SourceWrite::Keep
        }
        Some(current)
            if previous_text
                .as_deref()
                .is_some_and(|p| p.trim_end() == current.trim_end()) =>
        {
            let diff = render_diff(&current, &text);
            messages.push(format!(
                "{day}: the page changed since rev-{}; updated {source_path}:\n{diff}",
                number - 1
            ));
            SourceWrite::Write(text)
        }
        Some(current) => {
            let diff = render_diff(&current, &text);
            let why = match &previous {
                Some(p) => format!("it was edited after rev-{} was fetched", p.number),
                None => "it was not written by dayglot fetch".to_owned(),
            };
            messages.push(format!(
                "{day}: {source_path} differs from the fetched page and {why}, so it was kept; the fetched text is in {source_path}.fetched — merge by hand:\n{diff}"
            ));
            SourceWrite::Beside(text)
        }
    };
    let day_file = existing.is_none().then(|| DayFile {
        day: day.number(),
        source_lang: lang.to_string(),
        source_url: Some(response.final_url.clone()),
        outlet: host_of(&response.final_url),
        date: None,
    });
    Ok(FetchPlan {
        day,
        lang,
        revision: Some(revision),
        source,
        day_file,
        messages,
    })
}

/// A saved page (`dayglot ingest page.html`) as the corpus's plain-text layout, through the same
/// extractor as `dayglot fetch`; the lines left out as furniture come back beside it.
pub fn page_text(bytes: &[u8], url: &str) -> Result<(String, Vec<String>), Error> {
    let decoded = decode_html(bytes, None).map_err(|e| Error::Refused(format!("{url}: {e}")))?;
    let extracted = extract(&decoded.text, url);
    Ok((to_plain_text(&extracted), extracted.furniture))
}

/// Writes a plan through the project; returns the messages, with one line per file stored.
pub fn write_plan(project: &Project, plan: &FetchPlan) -> Result<Vec<String>, Error> {
    let mut messages = Vec::new();
    if let Some(revision) = &plan.revision {
        let [html, toml] = project.write_revision(plan.day, revision)?;
        messages.push(format!("{}: stored {html} and {toml}", plan.day));
    }
    messages.extend(plan.messages.iter().cloned());
    match &plan.source {
        SourceWrite::Write(text) => {
            project.write_source(plan.day, &plan.lang, text, false)?;
        }
        SourceWrite::Beside(text) => {
            project.write_source(plan.day, &plan.lang, text, true)?;
        }
        SourceWrite::Keep => {}
    }
    if let Some(file) = &plan.day_file {
        let path = project.write_day_file(
            plan.day,
            file,
            &format!("Metadata of {}, written by `dayglot fetch`.", plan.day),
        )?;
        messages.push(format!("{}: wrote {path}", plan.day));
    }
    Ok(messages)
}

/// What a stored revision extracts to (offline: from the body and metadata kept on disk).
fn re_extract(revision: &Revision) -> String {
    match decode_html(&revision.body, revision.meta.content_type.as_deref()) {
        Ok(decoded) => to_plain_text(&extract(&decoded.text, &revision.meta.final_url)),
        Err(_) => String::new(),
    }
}

/// A line for the editor: on standard output, or on standard error (warnings and errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// What was done.
    Out(String),
    /// A warning, a note or an error.
    Err(String),
}

/// Fetches one page. Returns false (after printing why) when it failed or has content errors.
pub fn fetch_page(
    project: &Project,
    fetcher: &Fetcher,
    progress: &dyn Progress,
    say: &mut dyn FnMut(Line),
    url: &str,
    day: Option<DayId>,
    lang: Option<&Lang>,
    fetched_at: &str,
) -> Result<bool, Error> {
    let words = series_words(project)?;
    let known = match day {
        Some(day) => Some(day),
        None => project.day_of_url(url)?,
    };
    let previous = known
        .map(|d| project.latest_revision(d))
        .transpose()?
        .flatten();
    // Validators only mean something for the URL they came with.
    let conditional = previous
        .as_ref()
        .filter(|r| r.meta.url == url || r.meta.final_url == url)
        .map(|r| Conditional {
            etag: r.meta.etag.clone(),
            last_modified: r.meta.last_modified.clone(),
        })
        .unwrap_or_default();
    let result = block_on(fetcher.fetch(url, &conditional, progress))?;
    let response = match result {
        Ok(FetchOutcome::Fetched(response)) => response,
        Ok(FetchOutcome::NotModified { .. }) => {
            let (day, rev) = match (known, &previous) {
                (Some(day), Some(rev)) => (day.to_string(), format!("rev-{}", rev.number)),
                _ => ("the page".to_owned(), "the stored revision".to_owned()),
            };
            say(Line::Out(format!(
                "{day}: not modified since {rev} (304 Not Modified); nothing changed\n"
            )));
            return Ok(true);
        }
        Err(err) => {
            say(Line::Err(format!(
                "error: {err}\nnothing was written to the corpus"
            )));
            return Ok(false);
        }
    };
    match plan_day(project, &words, &response, known, lang, fetched_at) {
        Ok(plan) => commit(project, &plan, say),
        Err(err) => {
            say(Line::Err(format!(
                "error: {err}\nnothing was written to the corpus"
            )));
            Ok(false)
        }
    }
}

/// Fetches a feed and every day it lists that the corpus does not have yet.
pub fn fetch_feed(
    project: &Project,
    fetcher: &Fetcher,
    progress: &dyn Progress,
    say: &mut dyn FnMut(Line),
    feed_url: &str,
    lang: Option<&Lang>,
    fetched_at: &str,
) -> Result<bool, Error> {
    let words = series_words(project)?;
    let result = block_on(fetcher.fetch(feed_url, &Conditional::default(), progress))?;
    let response = match result {
        Ok(FetchOutcome::Fetched(response)) => response,
        Ok(FetchOutcome::NotModified { .. }) => {
            say(Line::Err(format!(
                "error: {feed_url}: 304 Not Modified to an unconditional request"
            )));
            return Ok(false);
        }
        Err(err) => {
            say(Line::Err(format!(
                "error: {err}\nnothing was written to the corpus"
            )));
            return Ok(false);
        }
    };
    let entries = decode_html(&response.body, response.content_type.as_deref())
        .map_err(|e| Error::Refused(format!("{feed_url}: {e}")))
        .and_then(|decoded| {
            parse_feed(&decoded.text, &response.final_url, &words)
                .map_err(|e| Error::Refused(format!("{feed_url}: {e}")))
        });
    let entries = match entries {
        Ok(entries) => entries,
        Err(err) => {
            say(Line::Err(format!(
                "error: {err}\nnothing was written to the corpus"
            )));
            return Ok(false);
        }
    };
    // One entry per day: the one in the project's source language if there is one, else the first.
    let mut by_day: std::collections::BTreeMap<u32, &FeedEntry> = std::collections::BTreeMap::new();
    for entry in entries.iter().filter(|e| e.link.is_some()) {
        let Some(day) = entry.day else { continue };
        let preferred = day.lang == project.config.source_lang.primary();
        let slot = by_day.entry(day.number).or_insert(entry);
        if preferred
            && slot
                .day
                .is_some_and(|d| d.lang != project.config.source_lang.primary())
        {
            *slot = entry;
        }
    }
    let ignored = entries.len() - entries.iter().filter(|e| e.day.is_some()).count();
    say(Line::Out(format!(
        "{feed_url}: {} entries, {} days of the series ({ignored} other entries ignored)\n",
        entries.len(),
        by_day.len()
    )));
    let mut todo = Vec::new();
    for (number, entry) in &by_day {
        let Some(day) = DayId::from_number(*number) else {
            say(Line::Err(format!(
                "warning: {feed_url}: `{}` names day {number}, which is not a valid day",
                entry.title
            )));
            continue;
        };
        if project.has_day(day) {
            say(Line::Out(format!(
                "{day}: already in the corpus, skipped\n"
            )));
            continue;
        }
        if let Some(link) = &entry.link {
            todo.push((day, link.clone()));
        }
    }
    if todo.is_empty() {
        say(Line::Out("no new days\n".into()));
        return Ok(true);
    }
    let requests: Vec<(String, Conditional)> = todo
        .iter()
        .map(|(_, url)| (url.clone(), Conditional::default()))
        .collect();
    let results = block_on(fetcher.fetch_all(&requests, progress))?;
    let (mut fetched, mut failed) = (0, 0);
    for ((day, _), result) in todo.iter().zip(results) {
        let outcome = match result {
            Ok(FetchOutcome::Fetched(response)) => {
                plan_day(project, &words, &response, Some(*day), lang, fetched_at)
                    .and_then(|plan| commit(project, &plan, say))
            }
            Ok(FetchOutcome::NotModified { final_url }) => Err(Error::Refused(format!(
                "{final_url}: 304 Not Modified to an unconditional request"
            ))),
            Err(err) => Err(Error::Refused(err.to_string())),
        };
        match outcome {
            Ok(true) => fetched += 1,
            Ok(false) => {
                fetched += 1;
                failed += 1;
            }
            Err(err) => {
                failed += 1;
                say(Line::Err(format!(
                    "error: {day}: {err}\nnothing was written for {day}"
                )));
            }
        }
    }
    say(Line::Out(format!(
        "{fetched} new days fetched, {failed} with problems\n"
    )));
    Ok(failed == 0)
}

/// Writes a plan, then ingests the day and prints its diagnostics. False on content errors.
fn commit(project: &Project, plan: &FetchPlan, say: &mut dyn FnMut(Line)) -> Result<bool, Error> {
    for message in write_plan(project, plan)? {
        if message.starts_with("warning:") || message.starts_with("note:") {
            say(Line::Err(message));
        } else {
            say(Line::Out(format!("{message}\n")));
        }
    }
    if plan.revision.is_none() {
        return Ok(true);
    }
    let loaded = project.load_day(plan.day)?;
    let file = SourceFile::new(&loaded.source_path, &loaded.source_text);
    let diagnostics = &loaded.ingested.diagnostics;
    if !diagnostics.is_empty() {
        say(Line::Err(render_diagnostics(&file, diagnostics)));
    }
    let doc = &loaded.ingested.document;
    say(Line::Out(format!(
        "{}: ingested {}: {} headlines, {} sections, {} segments, {} diagnostics\n",
        plan.day,
        loaded.source_path,
        doc.headlines.len(),
        doc.sections.len(),
        doc.segments().len(),
        diagnostics.len()
    )));
    Ok(!diagnostics.iter().any(|d| d.severity == Severity::Error))
}
