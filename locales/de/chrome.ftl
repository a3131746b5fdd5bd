# Page chrome of the German edition (dayglot-render). See locales/en/chrome.ftl for the variables.

# ICU4X-Locale für Datum und Zahlen: Das lange Datum von CLDR `de` lautet „10. Januar 2024“.
format-locale = de

# Der Name der Sprache in der Sprache selbst, in jeder Sprachauswahl angezeigt.
language-name = Deutsch

# Der Name der Reihe, mit dem Fall als Parameter: Nominativ („die Invasion der Ukraine“) in
# Feed- und Indextiteln, Genitiv („Tag 686 der Invasion der Ukraine“) im Seitentitel.
-series = { $case ->
    [genitive] der Invasion der { NAME("place/ukraine") }
   *[nominative] die Invasion der { NAME("place/ukraine") }
}

day-title = Tag { $day } { -series(case: "genitive") }
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
post-translation = Übersetzung
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
feed-title = { $site }: { -series(case: "nominative") }, Tag für Tag (Deutsch)
index-title = { $site }: { -series(case: "nominative") }, Tag für Tag
index-count = { $count ->
    [one] Ein Tag veröffentlicht.
   *[other] { $count } Tage veröffentlicht.
}
index-day = Tag
index-languages = Ausgaben
