# Page chrome of the Bulgarian edition (dayglot-render). See locales/en/chrome.ftl for the variables.

# Локал на ICU4X за дати и числа: дългата дата на CLDR `bg` е „10 януари 2024 г.“.
format-locale = bg

# Името на езика на самия език, показвано във всеки превключвател на езиците.
language-name = Български

-series = инвазията в { NAME("place/ukraine") }

day-title = Ден { $day } от { -series }
day-lead = Обобщение на ключовите събития през последните 24 часа
skip-link = Към съдържанието
language-switcher = Прочетете този ден на друг език
published-label = Публикувано на
publication-date = { DATETIME($date) }
key-events = { $count ->
    [one] { $count } ключово събитие
   *[other] { $count } ключови събития
}
section-untitled = Раздел { $number }
post-label = Вградена публикация в социална мрежа
post-translation = Превод
fallback-note = все още не е преведено, показано на { $source ->
    [en] английски
   *[other] оригиналния език
}
translated-from = Преведено от { $source ->
    [en] английското
   *[other] оригиналното
} издание
source-outlet = Източник: { $outlet }
source-unknown = Източник: цитираните в текста информационни агенции
footer = { $site } публикува всеки ден на { $count ->
    [one] един език
   *[other] { $count } езика
}.
feed-title = { $site }: { -series }, ден по ден (български)
index-title = { $site }: { -series }, ден по ден
index-count = { $count ->
    [one] Публикуван е един ден.
   *[other] Публикувани са { $count } дни.
}
index-day = Ден
index-languages = Издания
