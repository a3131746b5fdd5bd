//! Work over many days on every core, consumed in day order with bounded memory: the days are
//! computed in parallel a batch at a time (a few per thread), and each batch is handed to the
//! consumer in order before the next one starts, so that output (a report, a printed check) is
//! the same for any number of threads and no more than a batch of results is held at once.
//!
//! ```
//! use dayglot_pipeline::parallel::{Pool, for_each_ordered};
//!
//! let pool = Pool::new(Some(2)).unwrap();
//! let mut seen = Vec::new();
//! for_each_ordered(&pool, &[1, 2, 3, 4, 5], |n| n * 10, |r| {
//!     seen.push(r);
//!     Ok::<(), ()>(())
//! })
//! .unwrap();
//! assert_eq!(seen, [10, 20, 30, 40, 50]);
//! ```

use rayon::prelude::*;

use crate::Error;

/// How many items each thread gets per batch.
const PER_THREAD: usize = 4;

/// A pool of worker threads (rayon), or none for a sequential run.
#[derive(Debug)]
pub struct Pool {
    pool: Option<rayon::ThreadPool>,
}

impl Pool {
    /// `threads`: `None` or `Some(0)` for one per core, `Some(1)` for a sequential run (no pool).
    pub fn new(threads: Option<usize>) -> Result<Self, Error> {
        if threads == Some(1) {
            return Ok(Self { pool: None });
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .build()
            .map_err(|e| Error::Refused(format!("cannot start the worker threads: {e}")))?;
        Ok(Self { pool: Some(pool) })
    }

    /// How many threads work.
    pub fn threads(&self) -> usize {
        self.pool
            .as_ref()
            .map_or(1, rayon::ThreadPool::current_num_threads)
    }
}

/// Computes `compute(item)` for every item on the pool's threads, and hands each result to
/// `consume` in the items' order; stops at the first error `consume` returns.
pub fn for_each_ordered<T, R, E>(
    pool: &Pool,
    items: &[T],
    compute: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let Some(workers) = &pool.pool else {
        for item in items {
            consume(compute(item))?;
        }
        return Ok(());
    };
    let batch = (workers.current_num_threads() * PER_THREAD).max(1);
    for chunk in items.chunks(batch) {
        let results: Vec<R> = workers.install(|| chunk.par_iter().map(&compute).collect());
        for r in results {
            consume(r)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn results_come_in_order_for_any_number_of_threads() {
        let items: Vec<u64> = (0..1000).collect();
        let expected: Vec<u64> = items.iter().map(|n| n * n).collect();
        for threads in [Some(1), Some(2), Some(3), None] {
            let pool = Pool::new(threads).unwrap();
            let mut seen = Vec::new();
            for_each_ordered(
                &pool,
                &items,
                |n| n * n,
                |r| {
                    seen.push(r);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(seen, expected, "{threads:?}");
        }
    }

    #[test]
    fn the_first_error_stops() {
        let pool = Pool::new(Some(2)).unwrap();
        let mut seen = 0;
        let result = for_each_ordered(
            &pool,
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            |n| *n,
            |r| {
                seen += 1;
                if r == 3 { Err(r) } else { Ok(()) }
            },
        );
        assert_eq!(result, Err(3));
        assert_eq!(seen, 3);
    }
}
