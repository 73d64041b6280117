//! Sessions of a server reached over HTTP: ids (`Mcp-Session-Id`), a bound on how many exist at
//! once, an idle timeout, and stateless sessions that live for one request.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management>

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::FastMap;
use crate::protocol::Revision;
use crate::session::{Outbound, Session};

/// Bounds on a server's sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLimits {
    /// Most sessions alive at once; a new one beyond that is refused (the official servers'
    /// default is 10 000).
    pub max_sessions: usize,
    /// A session with no request and no open stream for this long is ended. `None`: never.
    pub idle_timeout: Option<Duration>,
}

impl Default for SessionLimits {
    fn default() -> Self {
        Self {
            max_sessions: 10_000,
            idle_timeout: Some(Duration::from_secs(3600)),
        }
    }
}

/// Why a session could not be created.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The server holds as many sessions as it may.
    #[error("too many sessions (limit {0})")]
    TooMany(usize),
    /// A single-session manager's session is alive already.
    #[error("the session exists already")]
    Exists,
    /// A single-session manager's session was ended; its id is not issued again.
    #[error("the session was ended")]
    Ended,
}

struct Entry {
    session: Arc<Session>,
    last_seen: Instant,
    /// Streams the client holds open on the session (they keep it alive).
    streams: usize,
}

/// The sessions of one server.
#[derive(Default)]
pub struct SessionManager {
    sessions: Mutex<FastMap<String, Entry>>,
    limits: SessionLimits,
    /// A single-session manager's one id (the official single-session transport's), and
    /// whether that session was ended for good.
    single: Option<(String, AtomicBool)>,
}

impl std::fmt::Debug for SessionManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionManager")
            .field("limits", &self.limits)
            .field("sessions", &self.len())
            .finish()
    }
}

/// A new session id: 128 random bits as 32 hex digits (visible ASCII, as the spec requires).
pub fn new_session_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

impl SessionManager {
    /// A manager with `limits`.
    pub fn new(limits: SessionLimits) -> Self {
        Self {
            sessions: Mutex::default(),
            limits,
            single: None,
        }
    }

    /// A manager of one session, whose id is `id`: [`Self::create`] issues it while no session
    /// holds it, until [`Self::retire`] is called.
    pub fn single(limits: SessionLimits, id: String) -> Self {
        Self {
            sessions: Mutex::default(),
            limits,
            single: Some((id, AtomicBool::new(false))),
        }
    }

    /// Ends a single-session manager's session for good: its id is not issued again.
    pub fn retire(&self) {
        if let Some((_, ended)) = &self.single {
            ended.store(true, Ordering::Release);
        }
    }

    fn map(&self) -> MutexGuard<'_, FastMap<String, Entry>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The limits.
    pub fn limits(&self) -> SessionLimits {
        self.limits
    }

    /// Creates a session whose messages go to `outbound`, with a new id. Idle sessions are
    /// ended first when the limit is reached.
    pub fn create(
        &self,
        outbound: Box<dyn Outbound>,
    ) -> Result<(String, Arc<Session>), SessionError> {
        self.create_as(outbound, None)
    }

    /// [`Self::create`], under `chosen` when given (a host's own id for the session; a
    /// single-session manager issues its one id whatever is chosen).
    pub fn create_as(
        &self,
        outbound: Box<dyn Outbound>,
        chosen: Option<&str>,
    ) -> Result<(String, Arc<Session>), SessionError> {
        if self.len() >= self.limits.max_sessions {
            self.reap_idle(Instant::now());
        }
        let mut map = self.map();
        let id = match &self.single {
            Some((_, ended)) if ended.load(Ordering::Acquire) => return Err(SessionError::Ended),
            Some((id, _)) if map.contains_key(id) => return Err(SessionError::Exists),
            Some((id, _)) => id.clone(),
            None if map.len() >= self.limits.max_sessions => {
                return Err(SessionError::TooMany(self.limits.max_sessions));
            }
            None => match chosen {
                Some(id) if map.contains_key(id) => return Err(SessionError::Exists),
                Some(id) => id.to_owned(),
                None => new_session_id(),
            },
        };
        let session = Arc::new(Session::new(outbound));
        map.insert(
            id.clone(),
            Entry {
                session: session.clone(),
                last_seen: Instant::now(),
                streams: 0,
            },
        );
        Ok((id, session))
    }

    /// Takes in session `id`, begun elsewhere (another replica), whose messages go to
    /// `outbound`; the session already held under `id` if there is one.
    pub fn adopt(
        &self,
        id: &str,
        outbound: Box<dyn Outbound>,
    ) -> Result<(Arc<Session>, bool), SessionError> {
        if self.len() >= self.limits.max_sessions {
            self.reap_idle(Instant::now());
        }
        let mut map = self.map();
        if let Some(e) = map.get_mut(id) {
            e.last_seen = Instant::now();
            return Ok((e.session.clone(), false));
        }
        if map.len() >= self.limits.max_sessions {
            return Err(SessionError::TooMany(self.limits.max_sessions));
        }
        let session = Arc::new(Session::new(outbound));
        map.insert(
            id.to_owned(),
            Entry {
                session: session.clone(),
                last_seen: Instant::now(),
                streams: 0,
            },
        );
        Ok((session, true))
    }

    /// A session for one request of a stateless server: initialized already, never listed.
    pub fn stateless(&self, outbound: Box<dyn Outbound>, version: Revision) -> Arc<Session> {
        Arc::new(Session::initialized(outbound, version))
    }

    /// The session with `id`, marked as seen now.
    pub fn get(&self, id: &str) -> Option<Arc<Session>> {
        let mut map = self.map();
        let e = map.get_mut(id)?;
        e.last_seen = Instant::now();
        Some(e.session.clone())
    }

    /// A stream opened (`true`) or closed on session `id`; open streams keep it alive.
    pub fn stream(&self, id: &str, open: bool) {
        if let Some(e) = self.map().get_mut(id) {
            e.last_seen = Instant::now();
            e.streams = if open {
                e.streams + 1
            } else {
                e.streams.saturating_sub(1)
            };
        }
    }

    /// Ends session `id` (DELETE): its requests in flight are cancelled. Whether it existed.
    pub fn remove(&self, id: &str) -> bool {
        let e = self.map().remove(id);
        match e {
            Some(e) => {
                e.session.close();
                true
            }
            None => false,
        }
    }

    /// Ends every session idle longer than the timeout at `now`; how many were ended.
    pub fn reap_idle(&self, now: Instant) -> usize {
        self.reap(now).len()
    }

    /// Ends every session idle longer than the timeout at `now`; their ids.
    pub fn reap(&self, now: Instant) -> Vec<String> {
        let Some(timeout) = self.limits.idle_timeout else {
            return Vec::new();
        };
        let idle: Vec<(String, Entry)> = {
            let mut map = self.map();
            let ids: Vec<String> = map
                .iter()
                .filter(|(_, e)| e.streams == 0 && now.duration_since(e.last_seen) >= timeout)
                .map(|(id, _)| id.clone())
                .collect();
            ids.into_iter()
                .filter_map(|id| map.remove(&id).map(|e| (id, e)))
                .collect()
        };
        for (_, e) in &idle {
            e.session.close();
        }
        idle.into_iter().map(|(id, _)| id).collect()
    }

    /// Ends every session (the server is shutting down).
    pub fn close_all(&self) {
        let all: Vec<Entry> = self.map().drain().map(|(_, e)| e).collect();
        for e in all {
            e.session.close();
        }
    }

    /// Sessions alive.
    pub fn len(&self) -> usize {
        self.map().len()
    }

    /// True when no session is alive.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonrpc::Message;
    use crate::session::{Phase, Route};

    struct Nowhere;
    impl Outbound for Nowhere {
        fn send(&self, _: Message, _: &Route) {}
    }

    #[test]
    fn ids_are_unique_visible_ascii() {
        let a = new_session_id();
        let b = new_session_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| (0x21..=0x7e).contains(&c)));
    }

    #[test]
    fn the_limit_refuses_new_sessions_until_one_ends() {
        let m = SessionManager::new(SessionLimits {
            max_sessions: 2,
            idle_timeout: None,
        });
        let (a, _) = m.create(Box::new(Nowhere)).unwrap();
        let _ = m.create(Box::new(Nowhere)).unwrap();
        assert_eq!(
            m.create(Box::new(Nowhere)).unwrap_err(),
            SessionError::TooMany(2)
        );
        let session = m.get(&a).unwrap();
        assert!(m.remove(&a));
        assert_eq!(session.phase(), Phase::Closed);
        assert!(m.get(&a).is_none());
        assert!(!m.remove(&a));
        assert!(m.create(Box::new(Nowhere)).is_ok());
    }

    #[test]
    fn a_chosen_id_is_issued_once() {
        let m = SessionManager::new(SessionLimits::default());
        let (id, _) = m.create_as(Box::new(Nowhere), Some("mine")).unwrap();
        assert_eq!(id, "mine");
        assert_eq!(
            m.create_as(Box::new(Nowhere), Some("mine")).unwrap_err(),
            SessionError::Exists
        );
        assert_ne!(m.create_as(Box::new(Nowhere), None).unwrap().0, "mine");
    }

    #[test]
    fn a_single_session_manager_issues_its_one_id_until_retired() {
        let m = SessionManager::single(SessionLimits::default(), "abc".into());
        let (id, _) = m.create(Box::new(Nowhere)).unwrap();
        assert_eq!(id, "abc");
        assert_eq!(
            m.create(Box::new(Nowhere)).unwrap_err(),
            SessionError::Exists
        );
        // A failed initialize ends the session without retiring the id: the client retries.
        assert!(m.remove("abc"));
        assert_eq!(m.create(Box::new(Nowhere)).unwrap().0, "abc");
        assert!(m.remove("abc"));
        m.retire();
        assert_eq!(
            m.create(Box::new(Nowhere)).unwrap_err(),
            SessionError::Ended
        );
    }

    #[test]
    fn idle_sessions_end_unless_a_stream_is_open() {
        let m = SessionManager::new(SessionLimits {
            max_sessions: 10,
            idle_timeout: Some(Duration::from_secs(60)),
        });
        let (idle, _) = m.create(Box::new(Nowhere)).unwrap();
        let (streaming, _) = m.create(Box::new(Nowhere)).unwrap();
        m.stream(&streaming, true);
        let later = Instant::now() + Duration::from_secs(61);
        assert_eq!(m.reap_idle(later), 1);
        assert!(m.get(&idle).is_none());
        assert!(m.get(&streaming).is_some());
        m.stream(&streaming, false);
        assert_eq!(m.reap_idle(Instant::now() + Duration::from_secs(61)), 1);
        assert!(m.is_empty());
    }

    #[test]
    fn a_stateless_session_needs_no_initialize() {
        let m = SessionManager::default();
        let s = m.stateless(Box::new(Nowhere), Revision::LATEST);
        assert_eq!(s.phase(), Phase::Ready);
        assert_eq!(s.protocol_version(), Some(Revision::LATEST));
        assert!(m.is_empty());
    }
}
