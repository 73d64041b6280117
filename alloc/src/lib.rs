//! The allocator of ferromcp's native modules (the Python and Node bindings): mimalloc.
//!
//! A binding links it with `use ferromcp_alloc as _;`. A request's work allocates and frees
//! many small objects in bursts (16 requests in flight make as many of each): glibc serves
//! seven of a size from its per-thread cache and sends the rest down its slow path, where
//! mimalloc's per-thread pages take them all. Over HTTP, a Node call costs ~17 % less CPU in
//! process and a Python one ~1 µs less at 16 in flight (`bench/ANALYSIS-http.md`). The host
//! (node, CPython) keeps its own allocator; memory crosses to it only as copies or with a
//! finalizer that frees it here.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_arena_eager_commit` in mimalloc's `mimalloc.h` (the sys crate names no constant
/// for it; the enum's order is the same in mimalloc 2 and 3).
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Runs as the module is loaded, before the constructors that register its functions
/// allocate: mimalloc then commits its arena as pages are used. Committed at once (its default
/// where the OS overcommits) the arena is backed by transparent huge pages, and a server's RSS
/// grows by 5–12 MiB.
#[ctor::ctor(unsafe, priority = early)]
fn configure() {
    // SAFETY: sets a plain integer option; mimalloc reads it when it reserves an arena.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_allocates_with_mimalloc_committing_as_it_goes() {
        let b = Box::new([0u8; 64]);
        // SAFETY: reads a pointer's address and an option; both calls are pure queries.
        unsafe {
            assert!(libmimalloc_sys::mi_is_in_heap_region(b.as_ptr().cast()));
            assert_eq!(libmimalloc_sys::mi_option_get(ARENA_EAGER_COMMIT), 0);
        }
    }
}
