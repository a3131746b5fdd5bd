# Page chrome of the German edition (dayglot-render). See locales/en/chrome.ftl for the variables.

format-locale = de
language-name = Deutsch

-series = der Invasion der { NAME("place/ukraine") }

day-title = Tag { $day } { -series }
day-lead = Zusammenfassung der wichtigsten Ereignisse der letzten 24 Stunden
skip-link = Zum Inhalt springen
language-switcher = Diesen Tag in einer anderen Sprache lesen
published-label = Veröffentlicht am
publication-date = { DATETIME($date) }
key-events = { $count ->
    [one] { $count } wichtiges Ereignis
   *[other] { $count } wichtige Ereignisse
}
section-untitled = Abschnitt { $number }
post-label = Eingebetteter Beitrag aus sozialen Medien
fallback-note = noch nicht übersetzt, { $source ->
    [en] auf Englisch
   *[other] in der Originalsprache
} angezeigt
translated-from = Übersetzt aus der { $source ->
    [en] englischen
   *[other] originalsprachlichen
} Ausgabe
source-outlet = Quelle: { $outlet }
source-unknown = Quelle: im Text zitierte Nachrichtenagenturen
footer = { $site } veröffentlicht jeden Tag in { $count ->
    [one] einer Sprache
   *[other] { $count } Sprachen
}.
feed-title = { $site }: { -series }, Tag für Tag (Deutsch)
index-title = { $site }: { -series }, Tag für Tag
index-count = { $count ->
    [one] Ein Tag veröffentlicht.
   *[other] { $count } Tage veröffentlicht.
}
index-day = Tag
index-languages = Ausgaben
