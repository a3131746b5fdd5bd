# Page chrome of the Serbian (Cyrillic) edition (dayglot-render). See locales/en/chrome.ftl for
# the variables. Plurals use the CLDR categories of Serbian: one (1, 21, 31…; 1,1), few (2–4,
# 22–24…; 0,2), other (0, 5–20, 25…, 11–14). Ekavian, as Tanjug and RTS.
# The Latin edition (sr-Latn) is generated from this text with the sr-cyrl-latn scheme.

# ICU4X locale for dates and numbers: CLDR `sr` is Cyrillic, its long date "10. јануар 2024.".
format-locale = sr-Cyrl

# This language's own name, shown in every language switcher. The sr-Latn edition must not
# transliterate this one: it is "Srpski (latinica)" there.
language-name = Српски (ћирилица)

# The series' name, with the case as a parameter: genitive in the page title ("686. дан
# инвазије на Украјину"), nominative in the feed and index titles.
-series = { $case ->
    [genitive] инвазије на { NAME("place/ukraine", case: "accusative") }
   *[nominative] инвазија на { NAME("place/ukraine", case: "accusative") }
}

# Ordinal with a dot: "686. дан инвазије на Украјину".
day-title = { $day }. дан { -series(case: "genitive") }
day-lead = Преглед кључних догађаја у последња 24 часа
skip-link = Пређи на садржај
language-switcher = Прочитајте овај дан на другом језику
published-label = Објављено
publication-date = { DATETIME($date) }
key-events = { $count ->
    [one] { $count } кључни догађај
    [few] { $count } кључна догађаја
   *[other] { $count } кључних догађаја
}
section-untitled = Одељак { $number }
post-label = Уграђена објава са друштвене мреже
post-translation = Превод
fallback-note = још није преведено, приказано на { $source ->
    [en] енглеском
   *[other] изворном језику
}
translated-from = Преведено са { $source ->
    [en] енглеског
   *[other] изворног
} издања
source-outlet = Извор: { $outlet }
source-unknown = Извор: новинске агенције цитиране у тексту
# Locative after "на": 1 (21, 31…) језику; 2–4 језика; 5 и више језика.
footer = { $site } објављује сваки дан на { $count ->
    [one] { $count } језику
    [few] { $count } језика
   *[other] { $count } језика
}.
feed-title = { $site }: { -series(case: "nominative") }, дан по дан (српски, ћирилица)
index-title = { $site }: { -series(case: "nominative") }, дан по дан
index-count = { $count ->
    [one] Објављен је { $count } дан.
    [few] Објављена су { $count } дана.
   *[other] Објављено је { $count } дана.
}
index-day = Дан
index-languages = Издања
