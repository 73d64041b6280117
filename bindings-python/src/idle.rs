//! Waiting on the event loop's own epoll while the loop is idle (see `Executor::wait_idle`).
//!
//! asyncio's selector loop on epoll exposes what that needs — its ready queue, its timers and its
//! epoll descriptor — on Linux. Anywhere else (other selectors, uvloop, other systems) there is
//! no poller and the loop is driven the ordinary way.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::os::fd::RawFd;
use std::time::Duration;

/// The loop thread's timer slack while it serves a connection.
#[cfg(target_os = "linux")]
const TIMER_SLACK_NS: libc::c_ulong = 1_000;

/// The epoll descriptor of an asyncio epoll loop, and the loop thread's timer slack from before.
pub struct LoopPoller {
    epfd: RawFd,
    /// The loop's `__dict__`, where it keeps `_ready`, `_scheduled` and `_stopping`.
    loop_dict: Py<PyDict>,
    saved_slack: std::sync::Mutex<Option<u64>>,
}

impl LoopPoller {
    /// A poller for `event_loop` if it is asyncio's own epoll loop. Called on the loop's thread:
    /// that thread's timers then fire when due rather than up to 50 µs late (the kernel's
    /// default slack), since a handler's `asyncio.sleep` is part of a request's latency.
    #[cfg(target_os = "linux")]
    pub fn for_loop(event_loop: &Bound<'_, PyAny>) -> Option<Self> {
        let selector = event_loop.getattr("_selector").ok()?;
        if selector.get_type().name().ok()?.to_str().ok()? != "EpollSelector" {
            return None;
        }
        let epoll = selector.getattr("_selector").ok()?;
        if epoll.get_type().name().ok()?.to_str().ok()? != "epoll" {
            return None;
        }
        for attr in ["_ready", "_scheduled", "_stopping"] {
            if !event_loop.hasattr(attr).ok()? {
                return None;
            }
        }
        let epfd = epoll.call_method0("fileno").ok()?.extract().ok()?;
        let loop_dict = event_loop
            .getattr("__dict__")
            .ok()?
            .cast_into::<PyDict>()
            .ok()?
            .unbind();
        // SAFETY: PR_GET_TIMERSLACK / PR_SET_TIMERSLACK take no pointers and act on the calling
        // thread, the loop's.
        let old = unsafe { libc::prctl(libc::PR_GET_TIMERSLACK, 0, 0, 0, 0) };
        let set = old > 0
            && unsafe { libc::prctl(libc::PR_SET_TIMERSLACK, TIMER_SLACK_NS, 0, 0, 0) } == 0;
        Some(Self {
            epfd,
            loop_dict,
            saved_slack: std::sync::Mutex::new(set.then_some(old as u64)),
        })
    }

    #[cfg(not(target_os = "linux"))]
    pub fn for_loop(_event_loop: &Bound<'_, PyAny>) -> Option<Self> {
        None
    }

    /// The loop's `__dict__`.
    pub fn loop_dict<'py>(&self, py: Python<'py>) -> &Bound<'py, PyDict> {
        self.loop_dict.bind(py)
    }

    /// Gives the loop thread back its timer slack (call on that thread).
    pub fn restore_timer_slack(&self) {
        let saved = self
            .saved_slack
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        #[cfg(target_os = "linux")]
        if let Some(old) = saved {
            // SAFETY: as in `for_loop`.
            unsafe { libc::prctl(libc::PR_SET_TIMERSLACK, old as libc::c_ulong, 0, 0, 0) };
        }
        #[cfg(not(target_os = "linux"))]
        let _ = saved;
    }

    /// Waits up to `timeout` (`None`: no limit) for anything the loop watches. Ok(true) when `input` is the only
    /// descriptor that became ready, and readable; Ok(false) for anything else or nothing.
    /// Call without the GIL.
    #[cfg(target_os = "linux")]
    pub fn wait(&self, input: Option<RawFd>, timeout: Option<Duration>) -> std::io::Result<bool> {
        let mut events = [libc::epoll_event { events: 0, u64: 0 }; 4];
        let n = epoll_wait_precise(self.epfd, &mut events, timeout);
        if n < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let Some(ours) = input.and_then(|fd| u32::try_from(fd).ok()) else {
            return Ok(false);
        };
        Ok(n > 0
            && events[..n as usize].iter().all(|e| {
                // asyncio registers descriptors as `data.fd`: the union's first 4 bytes.
                let data = e.u64;
                let fd = if cfg!(target_endian = "little") {
                    data as u32
                } else {
                    (data >> 32) as u32
                };
                fd == ours && e.events & (libc::EPOLLIN as u32) != 0
            }))
    }

    #[cfg(not(target_os = "linux"))]
    pub fn wait(&self, _input: Option<RawFd>, _timeout: Option<Duration>) -> std::io::Result<bool> {
        let _ = self.epfd;
        Ok(false)
    }
}

/// `epoll_wait` with a nanosecond timeout (`epoll_pwait2`, Linux 5.11+), falling back to whole
/// milliseconds, rounded up, where the kernel lacks it. `None` waits without a timeout.
#[cfg(target_os = "linux")]
fn epoll_wait_precise(
    epfd: RawFd,
    events: &mut [libc::epoll_event],
    timeout: Option<Duration>,
) -> i32 {
    use std::sync::atomic::{AtomicBool, Ordering};
    static NO_PWAIT2: AtomicBool = AtomicBool::new(false);
    let max = events.len() as i32;
    let Some(timeout) = timeout else {
        // SAFETY: `events` is a live array of `max` entries.
        return unsafe { libc::epoll_wait(epfd, events.as_mut_ptr(), max, -1) };
    };
    if !NO_PWAIT2.load(Ordering::Relaxed) {
        let ts = libc::timespec {
            tv_sec: timeout.as_secs() as libc::time_t,
            tv_nsec: timeout.subsec_nanos() as libc::c_long,
        };
        // SAFETY: `events` is a live array of `max` entries and `ts` outlives the call; a null
        // signal mask leaves the mask alone. A raw syscall, so the module needs no glibc new
        // enough to wrap it.
        let n = unsafe {
            libc::syscall(
                libc::SYS_epoll_pwait2,
                epfd,
                events.as_mut_ptr(),
                max,
                &ts as *const libc::timespec,
                std::ptr::null::<libc::sigset_t>(),
                0usize,
            )
        };
        if n >= 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ENOSYS) {
            return n as i32;
        }
        NO_PWAIT2.store(true, Ordering::Relaxed);
    }
    let ms = timeout.as_nanos().div_ceil(1_000_000) as i32;
    // SAFETY: as above.
    unsafe { libc::epoll_wait(epfd, events.as_mut_ptr(), max, ms) }
}
