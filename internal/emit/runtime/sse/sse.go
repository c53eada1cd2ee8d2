// Package sse reads server-sent events (text/event-stream), as the WHATWG
// HTML standard defines the format, into typed events: each event's data
// decoded as JSON into T (the schema the API declares for the stream), or
// kept as text.
//
// A Stream reads lazily from the response body, one event per Next; the
// caller closes it (Close, or leaving a range over All or Events early).
// Closing it, or the end of the call's context, ends the stream.
//
// The wire format: lines end in CRLF, LF or CR; a leading byte order mark
// is skipped; a line starting with ':' is a comment (ignored); other lines
// are "field: value" (one leading space of the value dropped) or a bare
// field name. data lines accumulate (joined with "\n"), event names the
// event, id sets the last event ID (kept for the following events; an id
// containing NUL is ignored), retry (digits only) sets the reconnection
// time; a blank line dispatches the event (one without data is not
// dispatched). A stream that ends with an event not closed by a blank line
// was cut: Err reports io.ErrUnexpectedEOF, the partial event is not
// delivered.
//
// Bounds: one event (its lines and its data) may hold at most the maximum
// given to New (DefaultMaxEventBytes when 0); a longer one fails with
// ErrEventTooLarge. No line is read without that bound.
//
// Done: an event whose data is exactly "[DONE]" ends a JSON stream cleanly
// (the sentinel OpenAI and others send last; it is no JSON value, so no
// event of T is lost to it).
package sse

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultMaxEventBytes bounds one event when New is given no bound.
const DefaultMaxEventBytes = 64 << 20

// ErrEventTooLarge is returned when an event exceeds the bound.
var ErrEventTooLarge = errors.New("sse: event too large")

// Event is one dispatched event.
type Event[T any] struct {
	// Data is the event's data, decoded.
	Data T
	// Event is the event's type: its event field, "message" when it has none.
	Event string
	// ID is the last event ID: the id field of this event or of the last
	// one that set it ("" when none did).
	ID string
	// Retry is the reconnection time the server last asked for (retry
	// field), 0 when it did not.
	Retry time.Duration
}

// Stream is a stream of events whose data decode into T. It is not safe for
// concurrent use (Close aside, which may be called from any goroutine).
type Stream[T any] struct {
	body   io.ReadCloser
	r      *bufio.Reader
	decode func([]byte, *T) error
	// doneSentinel: data "[DONE]" ends the stream.
	doneSentinel bool
	max          int
	ctx          context.Context
	stop         func() bool

	cur    Event[T]
	err    error
	done   bool
	first  bool
	skipLF bool // the last line ended in CR: a following LF belongs to it

	// The event being read.
	data         []byte
	hasData      bool
	event        string
	lastID       string
	retry        time.Duration
	pending      bool // a field of an undispatched event was read
	line         []byte
	closeOnce    sync.Once
	closeErr     error
	closedByUser atomic.Bool
}

// New returns a stream of the events of body whose data decode as JSON
// into T; max bounds one event (0: DefaultMaxEventBytes). When ctx ends the
// body is closed and Err returns ctx's error.
func New[T any](ctx context.Context, body io.ReadCloser, maxBytes int64) *Stream[T] {
	return newStream[T](ctx, body, maxBytes, func(data []byte, v *T) error { return json.Unmarshal(data, v) }, true)
}

// NewText returns a stream of the events of body with their data as text
// (a stream whose data the API declares no schema for).
func NewText(ctx context.Context, body io.ReadCloser, maxBytes int64) *Stream[string] {
	return newStream[string](ctx, body, maxBytes, func(data []byte, v *string) error { *v = string(data); return nil }, false)
}

func newStream[T any](ctx context.Context, body io.ReadCloser, maxBytes int64, decode func([]byte, *T) error, doneSentinel bool) *Stream[T] {
	if maxBytes <= 0 || maxBytes > 1<<40 {
		maxBytes = DefaultMaxEventBytes
	}
	if ctx == nil {
		ctx = context.Background()
	}
	s := &Stream[T]{body: body, r: bufio.NewReader(body), decode: decode, doneSentinel: doneSentinel, max: int(maxBytes), ctx: ctx, first: true}
	s.stop = context.AfterFunc(ctx, func() { s.body.Close() })
	return s
}

// Next reads the next event: false at the end of the stream, after an
// error (Err) or once closed.
func (s *Stream[T]) Next() bool {
	if s.done || s.closedByUser.Load() {
		return false
	}
	for {
		line, err := s.readLine()
		if err != nil {
			s.finish(err)
			return false
		}
		if len(line) == 0 {
			if !s.hasData {
				// No data: nothing is dispatched, the buffers are reset.
				s.event, s.pending = "", false
				continue
			}
			ev, ok := s.dispatch()
			if !ok {
				return false
			}
			s.cur = ev
			return true
		}
		if line[0] == ':' {
			continue // a comment
		}
		name, value := line, []byte(nil)
		if i := bytes.IndexByte(line, ':'); i >= 0 {
			name, value = line[:i], line[i+1:]
			if len(value) > 0 && value[0] == ' ' {
				value = value[1:]
			}
		}
		switch string(name) {
		case "data":
			if len(s.data)+len(value)+1 > s.max {
				s.finish(fmt.Errorf("%w: more than %d bytes", ErrEventTooLarge, s.max))
				return false
			}
			if s.hasData {
				s.data = append(s.data, '\n')
			}
			s.data = append(s.data, value...)
			s.hasData, s.pending = true, true
		case "event":
			s.event, s.pending = string(value), true
		case "id":
			if bytes.IndexByte(value, 0) < 0 {
				s.lastID = string(value)
			}
		case "retry":
			if ms, err := strconv.ParseUint(string(value), 10, 63); err == nil && allDigits(value) {
				s.retry = time.Duration(ms) * time.Millisecond
			}
		}
	}
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// dispatch decodes the event read; false ends the stream (done or an error).
func (s *Stream[T]) dispatch() (Event[T], bool) {
	ev := Event[T]{Event: s.event, ID: s.lastID, Retry: s.retry}
	if ev.Event == "" {
		ev.Event = "message"
	}
	data := s.data
	s.data, s.hasData, s.event, s.pending = s.data[:0], false, "", false
	if s.doneSentinel && string(data) == "[DONE]" {
		s.finish(io.EOF)
		return ev, false
	}
	if err := s.decode(data, &ev.Data); err != nil {
		s.finish(fmt.Errorf("sse: decoding the data of event %q (id %q): %w", ev.Event, ev.ID, err))
		return ev, false
	}
	return ev, true
}

// readLine reads one line without its end, at most the bound.
func (s *Stream[T]) readLine() ([]byte, error) {
	s.line = s.line[:0]
	for {
		buf, err := s.r.Peek(1)
		if len(buf) == 0 {
			if err == io.EOF && (len(s.line) > 0 || s.pending) {
				return nil, fmt.Errorf("sse: the stream ended in the middle of an event: %w", io.ErrUnexpectedEOF)
			}
			return nil, err
		}
		buf, _ = s.r.Peek(s.r.Buffered())
		if s.skipLF {
			s.skipLF = false
			if buf[0] == '\n' {
				s.r.Discard(1)
				continue
			}
		}
		if s.first {
			s.first = false
			if bytes.HasPrefix(buf, []byte("\xEF\xBB\xBF")) {
				s.r.Discard(3)
				continue
			}
			if len(buf) < 3 && bytes.HasPrefix([]byte("\xEF\xBB\xBF"), buf) {
				// Maybe a BOM cut by the network: wait for the rest (Peek
				// may move the buffer: buf is read again).
				if more, _ := s.r.Peek(3); bytes.Equal(more, []byte("\xEF\xBB\xBF")) {
					s.r.Discard(3)
				}
				continue
			}
		}
		i := bytes.IndexAny(buf, "\r\n")
		n := i
		if i < 0 {
			n = len(buf)
		}
		if len(s.line)+n > s.max {
			return nil, fmt.Errorf("%w: a line of more than %d bytes", ErrEventTooLarge, s.max)
		}
		s.line = append(s.line, buf[:n]...)
		if i < 0 {
			s.r.Discard(n)
			continue
		}
		s.skipLF = buf[i] == '\r'
		s.r.Discard(i + 1)
		return s.line, nil
	}
}

// finish ends the stream with err (io.EOF: a clean end).
func (s *Stream[T]) finish(err error) {
	s.done = true
	s.cur = Event[T]{}
	if s.closedByUser.Load() {
		return
	}
	if cerr := s.ctx.Err(); cerr != nil {
		s.err = cerr
	} else if err != io.EOF {
		s.err = err
	}
	s.release()
}

// Current is the event Next read.
func (s *Stream[T]) Current() Event[T] { return s.cur }

// Err is the error that ended the stream: nil at its clean end (or once
// the caller closed it), ctx's error when the context ended it,
// io.ErrUnexpectedEOF (wrapped) when it was cut in the middle of an event.
func (s *Stream[T]) Err() error { return s.err }

// Close ends the stream and closes the body. It is safe to call more than
// once, and from another goroutine (a Next blocked on the body returns).
func (s *Stream[T]) Close() error {
	s.closedByUser.Store(true)
	return s.release()
}

func (s *Stream[T]) release() error {
	s.closeOnce.Do(func() {
		s.stop()
		s.closeErr = s.body.Close()
	})
	return s.closeErr
}

// Events ranges over the events; an error ends the range as its last
// pair. Leaving the loop early closes the stream.
func (s *Stream[T]) Events() iter.Seq2[Event[T], error] {
	return func(yield func(Event[T], error) bool) {
		defer s.Close()
		for s.Next() {
			if !yield(s.Current(), nil) {
				return
			}
		}
		if err := s.Err(); err != nil {
			yield(Event[T]{}, err)
		}
	}
}

// All ranges over the data of the events; an error ends the range as its
// last pair. Leaving the loop early closes the stream.
func (s *Stream[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for ev, err := range s.Events() {
			if !yield(ev.Data, err) {
				return
			}
		}
	}
}
