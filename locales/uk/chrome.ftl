# Page chrome of the Ukrainian edition (dayglot-render). See locales/en/chrome.ftl for the variables.
# Plurals use the CLDR categories of Ukrainian: one, few, many, other.

# Локаль ICU4X для дат і чисел: довга дата CLDR `uk` — «10 січня 2024 р.».
format-locale = uk

# Назва мови її власною мовою, у кожному перемикачі мов.
language-name = Українська

-series = вторгнення в { NAME("place/ukraine", case: "accusative") }

day-title = { $day }-й день { -series }
day-lead = Підсумок ключових подій за останні 24 години
skip-link = Перейти до вмісту
language-switcher = Читати цей день іншою мовою
published-label = Опубліковано
publication-date = { DATETIME($date) }
key-events = { $count ->
    [one] { $count } ключова подія
    [few] { $count } ключові події
    [many] { $count } ключових подій
   *[other] { $count } ключової події
}
section-untitled = Розділ { $number }
post-label = Вбудований допис у соцмережі
post-translation = Переклад
fallback-note = ще не перекладено, показано { $source ->
    [en] англійською
   *[other] мовою оригіналу
}
translated-from = Переклад з { $source ->
    [en] англійського
   *[other] оригінального
} видання
source-outlet = Джерело: { $outlet }
source-unknown = Джерело: інформаційні агентства, цитовані в тексті
footer = { $site } публікує кожен день { $count ->
    [one] { $count } мовою
    [few] { $count } мовами
    [many] { $count } мовами
   *[other] { $count } мовами
}.
feed-title = { $site }: { -series }, день за днем (українською)
index-title = { $site }: { -series }, день за днем
index-count = { $count ->
    [one] Опубліковано { $count } день.
    [few] Опубліковано { $count } дні.
    [many] Опубліковано { $count } днів.
   *[other] Опубліковано { $count } дня.
}
index-day = День
index-languages = Видання
