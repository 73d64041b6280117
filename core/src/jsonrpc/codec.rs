//! Newline-delimited framing for stdio, with a maximum frame length.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio>

/// One frame cut from the byte stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A complete line, without its newline (and without a trailing `\r`).
    Line(Vec<u8>),
    /// A line longer than the limit; its bytes were dropped up to the next newline.
    Oversize,
}

/// Splits a byte stream into lines. A line over `max_len` bytes is dropped and reported once,
/// so the connection keeps serving what follows it.
#[derive(Debug)]
pub struct LineDecoder {
    buf: Vec<u8>,
    max_len: usize,
    skipping: bool,
}

impl LineDecoder {
    /// A decoder that accepts lines of at most `max_len` bytes.
    pub fn new(max_len: usize) -> Self {
        Self {
            buf: Vec::new(),
            max_len,
            skipping: false,
        }
    }

    /// Feeds bytes; complete frames are appended to `out`.
    pub fn feed(&mut self, mut bytes: &[u8], out: &mut Vec<Frame>) {
        while !bytes.is_empty() {
            match memchr(b'\n', bytes) {
                Some(pos) => {
                    let (line, rest) = bytes.split_at(pos);
                    bytes = &rest[1..];
                    if self.skipping {
                        self.skipping = false;
                        continue;
                    }
                    if self.buf.len() + line.len() > self.max_len {
                        self.buf.clear();
                        out.push(Frame::Oversize);
                        continue;
                    }
                    let mut frame = if self.buf.is_empty() {
                        line.to_vec()
                    } else {
                        let mut b = std::mem::take(&mut self.buf);
                        b.extend_from_slice(line);
                        b
                    };
                    if frame.last() == Some(&b'\r') {
                        frame.pop();
                    }
                    if !frame.iter().all(u8::is_ascii_whitespace) {
                        out.push(Frame::Line(frame));
                    }
                }
                None => {
                    if !self.skipping {
                        if self.buf.len() + bytes.len() > self.max_len {
                            self.buf.clear();
                            self.skipping = true;
                            out.push(Frame::Oversize);
                        } else {
                            self.buf.extend_from_slice(bytes);
                        }
                    }
                    return;
                }
            }
        }
    }

    /// True when a partial line is buffered (the peer closed mid-line).
    pub fn has_partial(&self) -> bool {
        !self.buf.is_empty()
    }

    /// Ends the input: the last line, if it had no newline, is appended to `out` as a frame
    /// (unless blank), so a message the peer wrote just before closing is still answered. It
    /// is within the limit: a longer one was reported as [`Frame::Oversize`] while it was fed.
    /// The decoder is empty afterwards.
    pub fn finish(&mut self, out: &mut Vec<Frame>) {
        if std::mem::take(&mut self.skipping) {
            return;
        }
        let mut frame = std::mem::take(&mut self.buf);
        if frame.last() == Some(&b'\r') {
            frame.pop();
        }
        if !frame.iter().all(u8::is_ascii_whitespace) {
            out.push(Frame::Line(frame));
        }
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(d: &mut LineDecoder, chunks: &[&[u8]]) -> Vec<Frame> {
        let mut out = Vec::new();
        for c in chunks {
            d.feed(c, &mut out);
        }
        out
    }

    #[test]
    fn splits_across_chunks() {
        let mut d = LineDecoder::new(100);
        let f = lines(&mut d, &[b"{\"a\"", b":1}\n{\"b\":2}\r\n\n", b"{\"c\""]);
        assert_eq!(
            f,
            vec![
                Frame::Line(b"{\"a\":1}".to_vec()),
                Frame::Line(b"{\"b\":2}".to_vec())
            ]
        );
        assert!(d.has_partial());
    }

    #[test]
    fn oversize_is_reported_once_and_skipped() {
        let mut d = LineDecoder::new(8);
        let f = lines(&mut d, &[b"0123456789", b"abcdef", b"gh\nok\n"]);
        assert_eq!(f, vec![Frame::Oversize, Frame::Line(b"ok".to_vec())]);
        let f = lines(&mut d, &[b"0123456789\nok\n"]);
        assert_eq!(f, vec![Frame::Oversize, Frame::Line(b"ok".to_vec())]);
    }

    #[test]
    fn finish_emits_the_last_line_without_a_newline() {
        let mut d = LineDecoder::new(100);
        let mut out = lines(&mut d, &[b"{\"a\":1}\n{\"b\"", b":2}"]);
        d.finish(&mut out);
        assert_eq!(
            out,
            vec![
                Frame::Line(b"{\"a\":1}".to_vec()),
                Frame::Line(b"{\"b\":2}".to_vec())
            ]
        );
        assert!(!d.has_partial());
        // Nothing more on a second call, nor after input that ended with its newline.
        let mut out = Vec::new();
        d.finish(&mut out);
        let mut d = LineDecoder::new(100);
        d.feed(b"{}\n", &mut out);
        out.clear();
        d.finish(&mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn finish_drops_a_blank_tail_and_strips_a_carriage_return() {
        let mut d = LineDecoder::new(100);
        let mut out = lines(&mut d, &[b"{}\n  \t"]);
        d.finish(&mut out);
        assert_eq!(out, vec![Frame::Line(b"{}".to_vec())]);
        let mut d = LineDecoder::new(100);
        let mut out = lines(&mut d, &[b"{}\r"]);
        d.finish(&mut out);
        assert_eq!(out, vec![Frame::Line(b"{}".to_vec())]);
        let mut d = LineDecoder::new(100);
        let mut out = lines(&mut d, &[b"\r"]);
        d.finish(&mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn finish_respects_the_size_limit() {
        // A last line over the limit was reported once while fed; the end adds nothing.
        let mut d = LineDecoder::new(8);
        let mut out = lines(&mut d, &[b"ok\n0123", b"456789"]);
        d.finish(&mut out);
        assert_eq!(out, vec![Frame::Line(b"ok".to_vec()), Frame::Oversize]);
        // Exactly at the limit it is a frame.
        let mut d = LineDecoder::new(8);
        let mut out = lines(&mut d, &[b"01234567"]);
        d.finish(&mut out);
        assert_eq!(out, vec![Frame::Line(b"01234567".to_vec())]);
    }
}
