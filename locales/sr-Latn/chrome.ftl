# Serbian (Latin script) page chrome: only what differs from the transliterated sr-Cyrl chrome.
# Every other message is the sr-Cyrl one, transliterated (locales/sr-Latn/derived.toml).

# ICU4X locale for dates and numbers.
format-locale = sr-Latn

# This language's own name, shown in every language switcher.
language-name = Srpski (latinica)

feed-title = { $site }: { -series(case: "nominative") }, dan po dan (srpski, latinica)
