//! Owns the crate's one answer to a poisoned lock: take the value anyway; and the one way
//! work is split over the cores ([`in_parallel`]). Every `Mutex` in the crate guards data that stays consistent when a holder panics (a store whose open
//! transaction rolls back on drop, a list refilled at every commit, a clock, heartbeats),
//! and the daemon must keep serving after a caught panic rather than panic in turn.
//! Imports nothing from the crate.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locking that recovers from poisoning.
pub trait LockExt<T: ?Sized> {
    /// The guard of the lock, even if a thread panicked while holding it.
    fn lock_or_recover(&self) -> MutexGuard<'_, T>;
}

impl<T: ?Sized> LockExt<T> for Mutex<T> {
    fn lock_or_recover(&self) -> MutexGuard<'_, T> {
        self.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `f` on every item, in order, split over `threads` scoped threads (on this thread when it
/// is 1). The share of a thread that dies is done again here rather than lost.
pub fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let f = &f;
    let size = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|part| {
                (
                    part,
                    scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()),
                )
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(part, handle)| {
                handle
                    .join()
                    .unwrap_or_else(|_| part.iter().map(f).collect())
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_poisoned_by_a_panic_still_gives_its_value() {
        let m = std::sync::Arc::new(Mutex::new(1));
        let held = std::sync::Arc::clone(&m);
        let _ = std::thread::spawn(move || {
            let _guard = held.lock_or_recover();
            panic!("poisons the lock");
        })
        .join();
        assert!(m.is_poisoned());
        *m.lock_or_recover() += 1;
        assert_eq!(*m.lock_or_recover(), 2);
    }
}
