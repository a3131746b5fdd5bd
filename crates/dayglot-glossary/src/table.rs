//! The matcher's lookup structures: a first-word filter that fits in the CPU cache, and an
//! open-addressing table keyed by word-sequence keys, one cache line per probe.

/// One bucket of the [`Table`]: 16 bytes, four to a cache line, so a probe costs one memory
/// access, and everything a hit needs is in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Bucket {
    /// The key ([`crate::scan::extend_key`]); 0 marks an empty bucket.
    pub(crate) key: u64,
    /// Flags ([`Bucket::PATTERN`], [`Bucket::CONTINUES`], [`Bucket::COLLIDED`]) and, below
    /// them, the index of the pattern's first entry.
    pub(crate) meta: u32,
    /// The pattern's text in the matcher's arena (a pattern bucket only).
    pub(crate) text: u32,
}

impl Bucket {
    /// A pattern ends here.
    pub(crate) const PATTERN: u32 = 1 << 31;
    /// A longer pattern starts with this word sequence.
    pub(crate) const CONTINUES: u32 = 1 << 30;
    /// Two different texts have this key: look the text up in the matcher's collision map.
    pub(crate) const COLLIDED: u32 = 1 << 29;
    /// The bits of `meta` that hold the first entry.
    pub(crate) const INDEX: u32 = Self::COLLIDED - 1;

    pub(crate) fn is(self, flag: u32) -> bool {
        self.meta & flag != 0
    }

    pub(crate) fn first_entry(self) -> usize {
        (self.meta & Self::INDEX) as usize
    }
}

/// Keys are 64-bit hashes; 0 is reserved for empty buckets.
#[inline]
pub(crate) fn nonzero(key: u64) -> u64 {
    key | u64::from(key == 0)
}

/// Open addressing with linear probing, at most half full.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    buckets: Vec<Bucket>,
    mask: usize,
}

impl Table {
    /// A table for `keys` keys.
    pub(crate) fn with_keys(keys: usize) -> Self {
        let size = (keys.max(8) * 2).next_power_of_two();
        Self {
            buckets: vec![Bucket::default(); size],
            mask: size - 1,
        }
    }

    /// The bucket where the probe for `key` starts. Reading it early, for many keys at once,
    /// lets the CPU wait for several cache misses together (see [`Table::probe_from`]).
    #[inline]
    pub(crate) fn home(&self, key: u64) -> Bucket {
        self.buckets[key as usize & self.mask]
    }

    /// The bucket of `key`, given its home bucket as read by [`Table::home`].
    #[inline]
    pub(crate) fn probe_from(&self, key: u64, home: Bucket) -> Option<Bucket> {
        let mut b = home;
        let mut i = key as usize & self.mask;
        loop {
            if b.key == key {
                return Some(b);
            }
            if b.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
            b = self.buckets[i];
        }
    }

    /// The bucket of `key`, inserted empty if missing.
    pub(crate) fn entry(&mut self, key: u64) -> &mut Bucket {
        let mut i = key as usize & self.mask;
        while self.buckets[i].key != key && self.buckets[i].key != 0 {
            i = (i + 1) & self.mask;
        }
        let b = &mut self.buckets[i];
        b.key = key;
        b
    }
}

/// The first-word filter: a blocked Bloom filter of the first words of all patterns, two bits
/// in one 64-bit block per word, about 8 bits per word and at most 256 KiB, so that most words of
/// a text are rejected with one access to the CPU cache instead of a table probe. (Separate
/// filters for words with and without a capital were tried: computing the capital cost more
/// than the smaller filter saved; see BENCHMARKS.md.)
#[derive(Debug, Clone)]
pub(crate) struct Filter {
    bloom: Bloom,
}

impl Filter {
    /// A filter for the given first-word keys.
    pub(crate) fn new(words: &[u64]) -> Self {
        let mut bloom = Bloom::with_keys(words.len());
        for &key in words {
            bloom.insert(key);
        }
        Self { bloom }
    }

    /// Whether `key` may be a first word (never false for one).
    #[inline]
    pub(crate) fn may_contain(&self, key: u64) -> bool {
        self.bloom.may_contain(key)
    }
}

/// The prefix filter: a bit for every first two bytes ([`crate::scan::prefix`]) of a pattern's
/// first word, 8 KiB, which stays in the CPU's first-level cache. Most words of running text are
/// turned away by it before they are even hashed (in the benchmark, every lower-case word).
#[derive(Debug, Clone)]
pub(crate) struct Prefixes {
    bits: Vec<u64>,
}

impl Prefixes {
    pub(crate) fn new(prefixes: impl IntoIterator<Item = u16>) -> Self {
        let mut bits = vec![0u64; 1 << 10];
        for p in prefixes {
            bits[usize::from(p >> 6)] |= 1 << (p & 63);
        }
        Self { bits }
    }

    /// Whether a pattern's first word starts with these two bytes.
    #[inline(always)]
    pub(crate) fn admits(&self, prefix: u16) -> bool {
        self.bits
            .get(usize::from(prefix >> 6))
            .is_some_and(|b| b & (1 << (prefix & 63)) != 0)
    }
}

/// A blocked Bloom filter: two bits in one 64-bit block per key.
#[derive(Debug, Clone)]
struct Bloom {
    blocks: Vec<u64>,
    mask: usize,
}

impl Bloom {
    /// About 8 bits per key, at least one block, at most 2^15 blocks (256 KiB).
    fn with_keys(keys: usize) -> Self {
        let blocks = (keys / 8).clamp(1, 1 << 15).next_power_of_two();
        Self {
            blocks: vec![0; blocks],
            mask: blocks - 1,
        }
    }

    /// The block and the two bits of a key, from bits the table index does not use.
    #[inline]
    fn place(&self, key: u64) -> (usize, u64) {
        let block = (key >> 49) as usize & self.mask;
        let bits = (1u64 << ((key >> 37) & 63)) | (1u64 << ((key >> 43) & 63));
        (block, bits)
    }

    fn insert(&mut self, key: u64) {
        let (block, bits) = self.place(key);
        self.blocks[block] |= bits;
    }

    #[inline]
    fn may_contain(&self, key: u64) -> bool {
        let (block, bits) = self.place(key);
        self.blocks[block] & bits == bits
    }
}
