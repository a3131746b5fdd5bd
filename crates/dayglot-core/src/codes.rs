//! The registry of every diagnostic code: its default severity and what it means, for
//! `dayglot explain CODE` (like `rustc --explain`). A test fails when a code is used anywhere in
//! the workspace that this registry lacks.

use crate::Severity;

/// A registered diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code (`check::number-mismatch`).
    pub code: &'static str,
    /// The severity it is reported with unless a stage says otherwise.
    pub severity: Severity,
    /// What it means and how to fix it.
    pub explanation: &'static str,
}

/// Looks a code up.
pub fn explain(code: &str) -> Option<&'static CodeInfo> {
    CODES.iter().find(|c| c.code == code)
}

/// The registered codes nearest to `code` (for "did you mean"), best first, at most three.
pub fn similar(code: &str) -> Vec<&'static str> {
    let mut scored: Vec<(usize, &'static str)> = CODES
        .iter()
        .map(|c| (strsim::damerau_levenshtein(code, c.code), c.code))
        .filter(|(d, c)| *d <= code.len().max(c.len()) / 3)
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// Every code, sorted by name.
pub static CODES: &[CodeInfo] = &[
    CodeInfo {
        code: "check::accept-without-reason",
        severity: Severity::Error,
        explanation: "A `# dayglot-accept: CODE` line names a finding code but gives no reason. An acceptance is shown to reviewers next to the finding it accepts, so it must say why the finding is wrong for this segment. Write the reason after the code: `# dayglot-accept: check::quote-count German quotes film titles`.",
    },
    CodeInfo {
        code: "check::date-mismatch",
        severity: Severity::Error,
        explanation: "A date of the source (a day and month, a weekday, a holiday such as New Year's Eve) has no equal in the translation, or the translation has a date the source does not. Dates are compared by value with each language's month names and holidays from `locales/<lang>/check.toml`. Fix the date in the translation; if the language says it in a way the checker does not know, add the word to `[dates]` in check.toml.",
    },
    CodeInfo {
        code: "check::fluent-missing-file",
        severity: Severity::Warning,
        explanation: "A Fluent file of the source language (`locales/<source>/NAME.ftl`) has no counterpart in a language: every message of it falls back to the source language on that language's pages. Copy the file and translate it, or run `dayglot lang add` for a new language.",
    },
    CodeInfo {
        code: "check::fluent-missing-message",
        severity: Severity::Warning,
        explanation: "A message of the source language's Fluent files is missing in a language: the page chrome shows the source language's text there. Add the message, translated, to the language's `.ftl` file.",
    },
    CodeInfo {
        code: "check::fluent-obsolete-message",
        severity: Severity::Warning,
        explanation: "A language's Fluent file defines a message that the source language no longer has. It is never shown. Remove it, or rename it to the message that replaced it.",
    },
    CodeInfo {
        code: "check::fluent-plural-categories",
        severity: Severity::Warning,
        explanation: "A selector on a number (a plural) lacks a CLDR plural category of the language, so some counts fall back to the default variant (Ukrainian needs one, few, many and other; Bulgarian and German one and other). Add a variant for each category named in the message; `--strict` makes this an error.",
    },
    CodeInfo {
        code: "check::fluent-syntax",
        severity: Severity::Error,
        explanation: "A Fluent file does not parse: the entry at the reported line is junk and its message is missing on every page. The message says what the parser expected; fix the syntax at the caret.",
    },
    CodeInfo {
        code: "check::fluent-term",
        severity: Severity::Error,
        explanation: "A message uses a Fluent term (`-name`) that the language does not define, or passes it arguments it does not take. Define the term in the language's `.ftl` files, or use the term the source language uses.",
    },
    CodeInfo {
        code: "check::fluent-variable",
        severity: Severity::Error,
        explanation: "A translated message uses variables that the source message does not pass (a typo such as `$dayy` for `$day`), or drops one the source uses. A variable that is not passed renders as an error marker. Use exactly the source message's variables.",
    },
    CodeInfo {
        code: "check::forbidden-variant",
        severity: Severity::Error,
        explanation: "The translation writes a name in a form the glossary forbids in that language (a Russian form in Ukrainian text, say). Write the glossary's form in the case the sentence needs; `dayglot names DAY --lang L` lists every mention.",
    },
    CodeInfo {
        code: "check::foreign-form",
        severity: Severity::Warning,
        explanation: "A name is written in the form of another language (the Bulgarian form in Ukrainian text, for example). Write the form this language's glossary gives.",
    },
    CodeInfo {
        code: "check::handle-changed",
        severity: Severity::Error,
        explanation: "A social-media handle of the source (`@name`) is missing or changed in the translation. Handles are names of accounts and are never translated: copy it exactly.",
    },
    CodeInfo {
        code: "check::link-changed",
        severity: Severity::Error,
        explanation: "A link (URL) of the source is missing or changed in the translation. Links must be copied exactly.",
    },
    CodeInfo {
        code: "check::name-extra",
        severity: Severity::Warning,
        explanation: "The translation names a person, place or organisation that the source segment does not mention. It may be an addition, or a name put in the wrong segment. Remove it, or accept the finding with a reason if the addition is deliberate (an explanation for readers).",
    },
    CodeInfo {
        code: "check::name-missing",
        severity: Severity::Error,
        explanation: "A person, place or organisation that the source segment names does not appear in the translation in any accepted form of the language (preferred, short, case forms). Name it, in the glossary's form; if the language refers to it another way here, accept the finding with a reason.",
    },
    CodeInfo {
        code: "check::needs-review",
        severity: Severity::Warning,
        explanation: "The translation is flagged `#, fuzzy`: it is a draft, or its source changed since it was translated (see `#| msgid`). It is published only as a visible fallback and `--strict` refuses it. Review it, then remove the `fuzzy` flag.",
    },
    CodeInfo {
        code: "check::no-rules",
        severity: Severity::Warning,
        explanation: "The language has no `locales/<lang>/check.toml`, so its numbers, dates and quotation marks are not checked. `dayglot lang add` generates one from CLDR data; correct and keep it.",
    },
    CodeInfo {
        code: "check::number-mismatch",
        severity: Severity::Error,
        explanation: "A number of the source (digits or words, with its sign and scale: `-32C`, `minus 28`, `1,900`, `five and a half times`) has no equal value in the translation, or the translation has a number the source does not. Numbers are compared by value with each language's separators and number words from `locales/<lang>/check.toml`. Fix the number; if the language writes it in words the checker does not know, add them to `[numbers]`.",
    },
    CodeInfo {
        code: "check::quote-count",
        severity: Severity::Warning,
        explanation: "The translation has a different number of quotations than the source. A quotation may have been lost or merged, or the language quotes something the source does not (a film title, a company name). Fix it, or accept the finding with the reason.",
    },
    CodeInfo {
        code: "check::quote-marks",
        severity: Severity::Warning,
        explanation: "A quotation uses quotation marks that are not the language's (`\"…\"` in Bulgarian, whose marks are „…“). The language's pairs are `[quotes]` in its check.toml.",
    },
    CodeInfo {
        code: "check::spelled-number",
        severity: Severity::Warning,
        explanation: "A number the source writes in digits is spelled out in the translation, or the other way round, and the checker could match it only through number words. Usually fine; check that the value is the same.",
    },
    CodeInfo {
        code: "check::stale",
        severity: Severity::Error,
        explanation: "The translation was made from an older version of the source segment (its `msgid` is not the current text). It is not published against the new text. Revise the translation and set `msgid` to the new source, or run `dayglot status DAY --lang L --refresh` to mark it for review.",
    },
    CodeInfo {
        code: "check::structure",
        severity: Severity::Error,
        explanation: "A segment of the source has no translation in the language (missing or empty entry), or the translation's structure differs from the source's. Translate the segment in the day's catalog.",
    },
    CodeInfo {
        code: "check::term-missing",
        severity: Severity::Warning,
        explanation: "A glossary term of the source segment (an organisation's name, a recurring term) has no accepted form in the translation. Use the glossary's form, or accept the finding with a reason.",
    },
    CodeInfo {
        code: "check::untranslated",
        severity: Severity::Error,
        explanation: "The translation is identical to the source text, so it was probably not translated. Translate it; a segment that really stays the same (a name alone) can be accepted with a reason.",
    },
    CodeInfo {
        code: "check::unused-acceptance",
        severity: Severity::Warning,
        explanation: "A `# dayglot-accept: CODE` line accepts a finding that no longer occurs for its segment: the translation was fixed, or the code is misspelled (the message suggests the nearest code). Remove the line or correct the code, so that acceptances stay meaningful.",
    },
    CodeInfo {
        code: "check::wrong-script",
        severity: Severity::Error,
        explanation: "The translation has words in a script that is not the language's (Latin words in Bulgarian text, Cyrillic in German). Names from the glossary, links and handles are exempt; other allowed words go in `allow` in check.toml.",
    },
    CodeInfo {
        code: "draft::unverified",
        severity: Severity::Warning,
        explanation: "A draft's substitution (a number, date or name swapped into a translation-memory match) could not be verified against the source with the checker, so the draft is offered with a lower score and this note, never as clean. Check the numbers, dates and names of the draft before removing its fuzzy flag.",
    },
    CodeInfo {
        code: "fluent::bad-date",
        severity: Severity::Error,
        explanation: "A message's `DATETIME()` got a value that is not a `YYYY-MM-DD` date, so no date could be formatted. This is a bug in what the chrome passes; report it.",
    },
    CodeInfo {
        code: "fluent::duplicate",
        severity: Severity::Error,
        explanation: "A message id is defined twice in one language's Fluent files. Only the first definition is used. Remove or rename one.",
    },
    CodeInfo {
        code: "fluent::format",
        severity: Severity::Error,
        explanation: "Fluent could not format a message: an unknown variable, term or function, or a wrong argument. The message names what is wrong; fix the message so it uses only what the source message uses.",
    },
    CodeInfo {
        code: "fluent::missing-message",
        severity: Severity::Warning,
        explanation: "A chrome message is missing in a language, so the source language's text is shown instead (marked in HTML). Add the message to the language's `.ftl` file; `--strict` makes this an error.",
    },
    CodeInfo {
        code: "fluent::syntax",
        severity: Severity::Error,
        explanation: "A Fluent file of the page chrome does not parse at the reported line. The entry is skipped, so its message falls back to the source language. Fix the syntax at the caret.",
    },
    CodeInfo {
        code: "glossary::bad-id",
        severity: Severity::Error,
        explanation: "An entity id is not of the form `kind/slug` (`person/zelensky`) with a lower-case ASCII slug, or its kind prefix disagrees with `kind`. Ids are stable keys that translations and checks refer to: fix the id in entities.toml.",
    },
    CodeInfo {
        code: "glossary::bad-lang",
        severity: Severity::Error,
        explanation: "A glossary file's `lang` is not a language tag, or disagrees with the folder it is in (`locales/bg/glossary.toml` must say `lang = \"bg\"`). Fix `lang` or move the file.",
    },
    CodeInfo {
        code: "glossary::blank-form",
        severity: Severity::Error,
        explanation: "A form of a name is empty or only spaces. Write the form, or remove the key.",
    },
    CodeInfo {
        code: "glossary::duplicate-id",
        severity: Severity::Error,
        explanation: "Two entities (or two entries of one language) have the same id. Ids must be unique: merge the two, or give one a new id.",
    },
    CodeInfo {
        code: "glossary::forbidden-is-accepted",
        severity: Severity::Error,
        explanation: "A text is both forbidden and accepted (or preferred) for an entity, or for two entities, so the checker cannot tell whether it is right. Keep it in one list only.",
    },
    CodeInfo {
        code: "glossary::missing-field",
        severity: Severity::Error,
        explanation: "A glossary entry lacks a required field (`id`, `kind`, `preferred`, ...). Add it.",
    },
    CodeInfo {
        code: "glossary::missing-form",
        severity: Severity::Warning,
        explanation: "An entity of the registry has no entry in a language's glossary, so its name is not checked or normalised in that language. Add the entry (`dayglot lang add` pre-fills them from transliteration for review). Only that language is affected.",
    },
    CodeInfo {
        code: "glossary::no-file",
        severity: Severity::Warning,
        explanation: "A language has no `locales/<lang>/glossary.toml`: names in that language are neither checked nor normalised. Create it (`dayglot lang add L` scaffolds one with every entity).",
    },
    CodeInfo {
        code: "glossary::syntax",
        severity: Severity::Error,
        explanation: "A glossary file is not valid TOML at the reported position. Fix the syntax; nothing of the file can be read until then.",
    },
    CodeInfo {
        code: "glossary::unknown-case",
        severity: Severity::Error,
        explanation: "A form is given for a grammatical case that the language's `cases` list does not declare (often a typo: the message suggests the nearest). Declare the case in `[language] cases`, or fix its name.",
    },
    CodeInfo {
        code: "glossary::unknown-entity",
        severity: Severity::Error,
        explanation: "A language glossary has an entry for an id that the registry (locales/glossary/entities.toml) does not define. Add the entity to the registry, or fix the id.",
    },
    CodeInfo {
        code: "glossary::unknown-key",
        severity: Severity::Error,
        explanation: "A glossary entry has a key dayglot does not know (a typo such as `prefered`). The message suggests the nearest key.",
    },
    CodeInfo {
        code: "glossary::unknown-kind",
        severity: Severity::Error,
        explanation: "An entity's `kind` is not one of person, place, org or term.",
    },
    CodeInfo {
        code: "glossary::variant-conflict",
        severity: Severity::Error,
        explanation: "One text is a form of two different entities in the same language, so a mention could not be attributed. Give one of them a `context`, or remove the form from one.",
    },
    CodeInfo {
        code: "glossary::wrong-type",
        severity: Severity::Error,
        explanation: "A glossary value has the wrong type (a string where a list is expected, say). Write it as the message says.",
    },
    CodeInfo {
        code: "ingest::bad-day-number",
        severity: Severity::Error,
        explanation: "The title names a day number that is not a valid day (0, or too large). Fix the title of the source text.",
    },
    CodeInfo {
        code: "ingest::control-character",
        severity: Severity::Warning,
        explanation: "The source text contains a control character (a stray escape or form feed, usually from copy and paste). It is kept but may not render. Remove it from the source.",
    },
    CodeInfo {
        code: "ingest::date-mismatch",
        severity: Severity::Warning,
        explanation: "The text names a date (in its title, lede or dateline) that is not the date of its day in the series calendar (day 1 is `epoch` in dayglot.toml). Check the day number of the folder and the date in the text.",
    },
    CodeInfo {
        code: "ingest::day-mismatch",
        severity: Severity::Error,
        explanation: "The day number in the source's title is not the day of its folder (`corpus/day-686/` with a title about day 687). Fix the title or move the text to the right day.",
    },
    CodeInfo {
        code: "ingest::empty",
        severity: Severity::Error,
        explanation: "The source text is empty (or only white space). A day needs its summary.",
    },
    CodeInfo {
        code: "ingest::empty-item",
        severity: Severity::Warning,
        explanation: "A bullet of the headline list has no text. Remove it or write the headline.",
    },
    CodeInfo {
        code: "ingest::furniture",
        severity: Severity::Note,
        explanation: "A line is page furniture copied with the text (an app promotion, a byline, a photo caption or credit, \"read more\", an outlet's name): it is kept out of the content and shown here so that nothing is silently dropped. If it is real content, edit the source so that it reads as a sentence.",
    },
    CodeInfo {
        code: "ingest::heading-not-in-list",
        severity: Severity::Warning,
        explanation: "A section heading repeats no headline of the key-events list, so the section is not linked to a headline. Make the heading identical to its headline, or add the headline to the list.",
    },
    CodeInfo {
        code: "ingest::headline-without-section",
        severity: Severity::Warning,
        explanation: "A headline of the key-events list has no section in the body that tells it. Add the section, or remove the headline.",
    },
    CodeInfo {
        code: "ingest::lost-characters",
        severity: Severity::Note,
        explanation: "A run of `?` or U+FFFD stands where letters or emoji were lost by a wrong encoding somewhere upstream (`Sharky ????????`). The source keeps the run as received (nothing is lost); the published text leaves it out (an author line reads `Sharky (@Jamie04381095)`, not `Sharky ???????`). If the original is known, write it into the source instead.",
    },
    CodeInfo {
        code: "ingest::no-day-number",
        severity: Severity::Warning,
        explanation: "No day number was found in the title or the first lines, so the day is known only from its folder. Check the title of the source; the words that introduce a day number are `series_words` in `locales/<lang>/ingest.toml`.",
    },
    CodeInfo {
        code: "ingest::unclosed-quote",
        severity: Severity::Warning,
        explanation: "A quotation opens and never closes in its paragraph, so the quotation and its attribution may be misread. Close it in the source if the source is wrong.",
    },
    CodeInfo {
        code: "ingest::unplaced-text",
        severity: Severity::Warning,
        explanation: "A line of the source is neither a heading nor a paragraph of a section (text before the first section, say). It is kept in the model as reported text; move or remove it in the source.",
    },
    CodeInfo {
        code: "po::bad-escape",
        severity: Severity::Error,
        explanation: "A PO string has an escape sequence that gettext does not define (`\\q`). Write `\\\"` for a quotation mark, `\\\\` for a backslash, `\\n` for a line break.",
    },
    CodeInfo {
        code: "po::bad-header",
        severity: Severity::Warning,
        explanation: "The PO header (the first entry, `msgid \"\"`) is malformed: a line is not `Name: value`, or a field is repeated. Fix the header; `Language:` must name the file's language.",
    },
    CodeInfo {
        code: "po::duplicate-id",
        severity: Severity::Error,
        explanation: "Two entries have the same `msgctxt` (segment id). Only the first is used. Merge them, or give the second the id of the segment it translates.",
    },
    CodeInfo {
        code: "po::empty",
        severity: Severity::Warning,
        explanation: "An entry's `msgstr` is empty: the segment is shown in the source language (marked) and reported. Translate it.",
    },
    CodeInfo {
        code: "po::empty-msgid",
        severity: Severity::Error,
        explanation: "An entry has an empty `msgid` but is not the header (an empty msgid without msgctxt is the header and must come first, once). Give it its msgctxt and source text, or remove it.",
    },
    CodeInfo {
        code: "po::language-mismatch",
        severity: Severity::Error,
        explanation: "The header's `Language:` names another language than the file name (`Language: de` in bg.po). Fix the header: the file name decides the language.",
    },
    CodeInfo {
        code: "po::missing",
        severity: Severity::Warning,
        explanation: "A segment of the source has no entry in the catalog: it is shown in the source language (marked) and reported. Run `dayglot status DAY --lang L --update` to add empty entries, then translate them.",
    },
    CodeInfo {
        code: "po::missing-context",
        severity: Severity::Error,
        explanation: "An entry has no `msgctxt`, so it belongs to no segment (Translate Toolkit's po2xliff/xliff2po drop contexts). Give each entry its segment id as `msgctxt`.",
    },
    CodeInfo {
        code: "po::missing-language",
        severity: Severity::Warning,
        explanation: "The PO header has no `Language:` field. Add `\"Language: L\\n\"` to the header.",
    },
    CodeInfo {
        code: "po::missing-msgstr",
        severity: Severity::Error,
        explanation: "An entry has a `msgid` but no `msgstr` line. Add `msgstr \"\"` (then translate).",
    },
    CodeInfo {
        code: "po::needs-review",
        severity: Severity::Warning,
        explanation: "The entry is flagged fuzzy (needs review): it is not published as a finished translation, and `--strict` refuses it. Review the translation against the current source, then remove the `#, fuzzy` line.",
    },
    CodeInfo {
        code: "po::orphan-comment",
        severity: Severity::Warning,
        explanation: "Comments at the end of the file belong to no entry and are lost on the next rewrite. Move them above the entry they are about.",
    },
    CodeInfo {
        code: "po::plural-unsupported",
        severity: Severity::Error,
        explanation: "An entry has `msgid_plural`: day segments have no plural forms. Translate the sentence as a whole in `msgstr`; plural rules belong in the Fluent chrome.",
    },
    CodeInfo {
        code: "po::stale",
        severity: Severity::Warning,
        explanation: "The entry was translated from an older source text (its `msgid` is not the current segment text). The source text is shown instead, with the old and new source reported. Revise the translation and take the new msgid, or run `--refresh` to mark it for review.",
    },
    CodeInfo {
        code: "po::syntax",
        severity: Severity::Error,
        explanation: "A line of the PO file is not valid gettext syntax at the reported column. The entry is skipped until it is fixed; the help says how.",
    },
    CodeInfo {
        code: "po::unknown-segment",
        severity: Severity::Warning,
        explanation: "An entry's `msgctxt` names no segment of the current source (the source changed, or the id is mistyped: the message suggests the segment whose text matches). Rename it, or let `--refresh` make it obsolete.",
    },
    CodeInfo {
        code: "po::unterminated-string",
        severity: Severity::Error,
        explanation: "A PO string does not end with `\"` on its line. End the string, and continue long texts on the next line in a new pair of quotation marks.",
    },
    CodeInfo {
        code: "publish::day-skipped",
        severity: Severity::Warning,
        explanation: "A day could not be loaded, so it is left out of the feeds and the index of this publish. The message says why; fix the day or remove its folder.",
    },
    CodeInfo {
        code: "publish::no-chrome",
        severity: Severity::Warning,
        explanation: "A language has no `.ftl` file, so its page chrome is in the source language. Copy the source language's chrome.ftl and translate it (`dayglot lang add` does this).",
    },
    CodeInfo {
        code: "publish::no-translation",
        severity: Severity::Warning,
        explanation: "A day has no catalog for a language, so the edition is entirely in the source language, visibly marked as untranslated in the index and feeds. Run `dayglot status DAY --lang L --update` and translate.",
    },
    CodeInfo {
        code: "publish::normalized",
        severity: Severity::Note,
        explanation: "An accepted variant of a name was written as the glossary's preferred form in the published output (the catalog is not changed). Change the catalog to the preferred form to silence the note.",
    },
    CodeInfo {
        code: "render::fallback",
        severity: Severity::Warning,
        explanation: "Segments of an edition are shown in the source language (missing, empty, stale or fuzzy translations): marked with the source language in HTML and reported, one line per edition. `--strict` refuses the edition.",
    },
    CodeInfo {
        code: "render::unknown-name",
        severity: Severity::Warning,
        explanation: "A chrome message asks for a name the glossary does not have in that language, so the entity id is shown. Add the entity's forms to the language's glossary.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_explained() {
        for pair in CODES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} before {}",
                pair[0].code,
                pair[1].code
            );
        }
        for c in CODES {
            assert!(
                c.explanation.len() > 40,
                "{} needs a real explanation",
                c.code
            );
            assert!(c.code.contains("::"), "{}", c.code);
        }
    }

    #[test]
    fn similar_suggests_the_misspelled_code() {
        assert_eq!(
            similar("check::number-missmatch").first(),
            Some(&"check::number-mismatch")
        );
    }
}
