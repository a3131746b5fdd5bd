# Page chrome of the Polish edition (dayglot-render). See locales/en/chrome.ftl for the variables.
# Plurals use the CLDR categories of Polish: one (1), few (2-4, 22-24...), many (0, 5-21,
# 25-31...), other (fractions: 1,5).

format-locale = pl
language-name = Polski

# The series in the case the sentence needs: nominative by default ("inwazja na Ukrainę", for
# feed and index titles), genitive after "dzień" in the day title ("dzień inwazji na Ukrainę").
-series = { $case ->
    [genitive] inwazji
   *[nominative] inwazja
} na { NAME("place/ukraine", case: "accusative") }

# "686. dzień inwazji na Ukrainę": ordinal in digits with a dot (PWN).
day-title = { $day }. dzień { -series(case: "genitive") }
day-lead = Podsumowanie najważniejszych wydarzeń z ostatnich 24 godzin
skip-link = Przejdź do treści
language-switcher = Przeczytaj ten dzień w innym języku
published-label = Opublikowano
publication-date = { DATETIME($date) }
key-events = { $count ->
    [one] { $count } najważniejsze wydarzenie
    [few] { $count } najważniejsze wydarzenia
    [many] { $count } najważniejszych wydarzeń
   *[other] { $count } najważniejszego wydarzenia
}
section-untitled = Część { $number }
post-label = Osadzony wpis z mediów społecznościowych
post-translation = Tłumaczenie
fallback-note = jeszcze nie przetłumaczono, pokazano tekst { $source ->
    [en] w języku angielskim
   *[other] w języku oryginału
}
translated-from = Przetłumaczono z wydania { $source ->
    [en] anglojęzycznego
   *[other] w języku oryginału
}
source-outlet = Źródło: { $outlet }
source-unknown = Źródło: agencje informacyjne cytowane w tekście
# "w 4 językach", "w 5 językach" (locative plural); fractions take the genitive singular.
footer = { $site } publikuje każdy dzień w { $count ->
    [one] jednym języku
    [few] { $count } językach
    [many] { $count } językach
   *[other] { $count } języka
}.
feed-title = { $site }: { -series }, dzień po dniu (po polsku)
index-title = { $site }: { -series }, dzień po dniu
index-count = { $count ->
    [one] Opublikowano jeden dzień.
    [few] Opublikowano { $count } dni.
    [many] Opublikowano { $count } dni.
   *[other] Opublikowano { $count } dnia.
}
index-day = Dzień
index-languages = Wydania
