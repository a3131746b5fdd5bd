# Page chrome of the English edition (dayglot-render). Every string of the pages that is not
# the day's own text comes from here. Variables: $day (number), $date (YYYY-MM-DD),
# $site, $source (the source language tag), $count, $outlet, $number.

# ICU4X locale for dates and numbers: CLDR's `en` long date is "January 10, 2024"; the
# British form gives the day-month-year order the series uses, "10 January 2024".
format-locale = en-GB

# This language's own name, shown in every language switcher.
language-name = English

-series = the invasion of { NAME("place/ukraine") }

day-title = Day { $day } of { -series }
day-lead = Summary of key events in the last 24 hours
skip-link = Skip to content
language-switcher = Read this day in another language
published-label = Published
publication-date = { DATETIME($date) }
key-events = { $count ->
    [one] { $count } key event
   *[other] { $count } key events
}
section-untitled = Section { $number }
post-label = Embedded social media post
# Labels the edition's own translation of an embedded post, shown outside the embed (which keeps the post as posted).
post-translation = Translation
fallback-note = not yet translated, shown in { $source ->
    [en] English
   *[other] the original language
}
translated-from = Translated from the { $source ->
    [en] English
   *[other] original-language
} edition
source-outlet = Source: { $outlet }
source-unknown = Source: news agency reports cited in the text
footer = { $site } publishes each day in { $count ->
    [one] one language
   *[other] { $count } languages
}.
feed-title = { $site }: { -series }, day by day (English)
index-title = { $site }: { -series }, day by day
index-count = { $count ->
    [one] One day published.
   *[other] { $count } days published.
}
index-day = Day
index-languages = Editions
