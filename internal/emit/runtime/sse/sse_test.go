package sse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type got struct {
	events []Event[string]
	err    error
}

func readText(in string, max int64) got {
	s := NewText(context.Background(), io.NopCloser(strings.NewReader(in)), max)
	var g got
	for s.Next() {
		g.events = append(g.events, s.Current())
	}
	g.err = s.Err()
	s.Close()
	return g
}

// oneByte reads one byte at a time: every line end, BOM and field is cut
// by the reads.
type oneByte struct{ r io.Reader }

func (o oneByte) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}

// TestWireFormat: the WHATWG rules, each case read whole and one byte at a
// time.
func TestWireFormat(t *testing.T) {
	ev := func(data, event, id string, retry time.Duration) Event[string] {
		return Event[string]{Data: data, Event: event, ID: id, Retry: retry}
	}
	cases := []struct {
		name, in string
		want     []Event[string]
		err      error
	}{
		{"one", "data: hello\n\n", []Event[string]{ev("hello", "message", "", 0)}, nil},
		{"multi-line data", "data: a\ndata: b\ndata\ndata:  c\n\n", []Event[string]{ev("a\nb\n\n c", "message", "", 0)}, nil},
		{"comments", ": keep-alive\ndata: x\n: between\n\n:\n\n", []Event[string]{ev("x", "message", "", 0)}, nil},
		{"CRLF", "data: a\r\ndata: b\r\n\r\n", []Event[string]{ev("a\nb", "message", "", 0)}, nil},
		{"CR", "data: a\rdata: b\r\rdata: c\r\r", []Event[string]{ev("a\nb", "message", "", 0), ev("c", "message", "", 0)}, nil},
		{"BOM", "\xEF\xBB\xBFdata: x\n\n", []Event[string]{ev("x", "message", "", 0)}, nil},
		{"event, id, retry", "event: add\nid: 7\nretry: 1500\ndata: x\n\ndata: y\n\n",
			[]Event[string]{ev("x", "add", "7", 1500*time.Millisecond), ev("y", "message", "7", 1500*time.Millisecond)}, nil},
		{"id reset, id with NUL ignored", "id: 1\ndata: a\n\nid\ndata: b\n\nid: x\x00y\ndata: c\n\n",
			[]Event[string]{ev("a", "message", "1", 0), ev("b", "message", "", 0), ev("c", "message", "", 0)}, nil},
		{"bad retry ignored", "retry: 12a\ndata: a\n\nretry: -1\ndata: b\n\n", []Event[string]{ev("a", "message", "", 0), ev("b", "message", "", 0)}, nil},
		{"no data: not dispatched", "event: ping\n\nid: 3\n\ndata: a\n\n", []Event[string]{ev("a", "message", "3", 0)}, nil},
		{"unknown field, no colon", "foo: bar\nbaz\ndata: a\n\n", []Event[string]{ev("a", "message", "", 0)}, nil},
		{"empty data", "data\n\ndata:\n\n", []Event[string]{ev("", "message", "", 0), ev("", "message", "", 0)}, nil},
		{"empty stream", "", nil, nil},
		{"comment only", ": hi\n", nil, nil},
		{"cut mid-event", "data: a\n\ndata: b\n", []Event[string]{ev("a", "message", "", 0)}, io.ErrUnexpectedEOF},
		{"cut mid-line", "data: a\n\ndata: b", []Event[string]{ev("a", "message", "", 0)}, io.ErrUnexpectedEOF},
		{"cut after event name", "event: x\n", nil, io.ErrUnexpectedEOF},
		{"[DONE] is data for text", "data: [DONE]\n\n", []Event[string]{ev("[DONE]", "message", "", 0)}, nil},
	}
	for _, c := range cases {
		for _, mode := range []string{"whole", "bytewise"} {
			t.Run(c.name+"/"+mode, func(t *testing.T) {
				var r io.Reader = strings.NewReader(c.in)
				if mode == "bytewise" {
					r = oneByte{r}
				}
				s := NewText(context.Background(), io.NopCloser(r), 0)
				var evs []Event[string]
				for s.Next() {
					evs = append(evs, s.Current())
				}
				if fmt.Sprint(evs) != fmt.Sprint(c.want) {
					t.Errorf("events:\n got %q\nwant %q", evs, c.want)
				}
				if !errors.Is(s.Err(), c.err) || (c.err == nil) != (s.Err() == nil) {
					t.Errorf("err = %v, want %v", s.Err(), c.err)
				}
			})
		}
	}
}

type chunk struct {
	ID    int    `json:"id"`
	Text  string `json:"text"`
	Extra string `json:"extra,omitempty"`
}

// TestThousandEvents: 1,000 JSON events over HTTP, flushed one by one,
// with data split over several lines, comments and ids between them, and
// the [DONE] sentinel last.
func TestThousandEvents(t *testing.T) {
	const n = 1000
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fl := w.(http.Flusher)
		for i := range n {
			fmt.Fprintf(w, ": comment %d\r\n", i)
			fmt.Fprintf(w, "id: %d\n", i)
			if i%3 == 0 {
				fmt.Fprintf(w, "event: chunk\n")
			}
			// JSON split over lines: the newlines joining them are whitespace.
			fmt.Fprintf(w, "data: {\"id\": %d,\ndata: \"text\": \"line %d\\nnext\"\ndata: }\n\n", i, i)
			if i%100 == 0 {
				fl.Flush()
			}
		}
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	s := New[chunk](context.Background(), res.Body, 0)
	i := 0
	for ev, err := range s.Events() {
		if err != nil {
			t.Fatalf("after %d events: %v", i, err)
		}
		want := chunk{ID: i, Text: fmt.Sprintf("line %d\nnext", i)}
		if ev.Data != want || ev.ID != fmt.Sprint(i) {
			t.Fatalf("event %d: %+v", i, ev)
		}
		if name := map[bool]string{true: "chunk", false: "message"}[i%3 == 0]; ev.Event != name {
			t.Fatalf("event %d: type %q, want %q", i, ev.Event, name)
		}
		i++
	}
	if i != n {
		t.Fatalf("%d events, want %d", i, n)
	}
}

// TestCutMidEvent: a server that closes the connection in the middle of an
// event: the events before it arrive, then a clean error.
func TestCutMidEvent(t *testing.T) {
	for _, how := range []string{"ends the body", "aborts the connection"} {
		t.Run(how, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/event-stream")
				fmt.Fprint(w, "data: {\"id\": 1}\n\ndata: {\"id\": 2}\n\ndata: {\"id\":")
				w.(http.Flusher).Flush()
				if how == "aborts the connection" {
					panic(http.ErrAbortHandler)
				}
			}))
			defer srv.Close()
			res, err := http.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int
			var last error
			for c, err := range New[chunk](context.Background(), res.Body, 0).All() {
				if err != nil {
					last = err
					break
				}
				ids = append(ids, c.ID)
			}
			if fmt.Sprint(ids) != "[1 2]" {
				t.Errorf("events %v, want [1 2]", ids)
			}
			if !errors.Is(last, io.ErrUnexpectedEOF) {
				t.Errorf("error %v, want io.ErrUnexpectedEOF", last)
			}
		})
	}
}

// TestContextCancel: cancelling the call's context ends a stream waiting on
// a silent server, with the context's error.
func TestContextCancel(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: {\"id\": 1}\n\n")
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// A body that ignores the context (not the request's): the stream
	// itself must close it.
	req, _ := http.NewRequest("GET", srv.URL, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	s := New[chunk](ctx, res.Body, 0)
	if !s.Next() || s.Current().Data.ID != 1 {
		t.Fatalf("first event: %v", s.Err())
	}
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	if s.Next() {
		t.Fatal("an event after the cancel")
	}
	if !errors.Is(s.Err(), context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", s.Err())
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to end", d)
	}
}

// TestBounds: a line or an event's data longer than the bound fails,
// without reading it whole.
func TestBounds(t *testing.T) {
	long := "data: " + strings.Repeat("x", 100) + "\n\n"
	if g := readText(long, 50); !errors.Is(g.err, ErrEventTooLarge) {
		t.Errorf("long line: %v", g.err)
	}
	many := strings.Repeat("data: 0123456789\n", 10) + "\n"
	if g := readText(many, 50); !errors.Is(g.err, ErrEventTooLarge) {
		t.Errorf("long data: %v", g.err)
	}
	if g := readText(many, 0); g.err != nil || len(g.events) != 1 {
		t.Errorf("default bound: %v", g.err)
	}
	// An endless line without line end is cut at the bound.
	s := NewText(context.Background(), io.NopCloser(endless{}), 1<<10)
	if s.Next() || !errors.Is(s.Err(), ErrEventTooLarge) {
		t.Errorf("endless line: %v", s.Err())
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// TestDoneAndDecodeErrors: [DONE] ends a JSON stream cleanly; data that
// does not decode ends it with an error naming the event.
func TestDoneAndDecodeErrors(t *testing.T) {
	s := New[chunk](context.Background(), io.NopCloser(strings.NewReader("data: {\"id\":1}\n\ndata: [DONE]\n\ndata: {\"id\":2}\n\n")), 0)
	n := 0
	for range s.All() {
		n++
	}
	if n != 1 || s.Err() != nil {
		t.Errorf("%d events, err %v; want 1, nil", n, s.Err())
	}
	s = New[chunk](context.Background(), io.NopCloser(strings.NewReader("id: 9\ndata: {\"id\":\"x\"}\n\n")), 0)
	if s.Next() || s.Err() == nil || !strings.Contains(s.Err().Error(), `id "9"`) {
		t.Errorf("undecodable: %v", s.Err())
	}
}

// closeCount counts Close calls.
type closeCount struct {
	io.Reader
	n int
}

func (c *closeCount) Close() error { c.n++; return nil }

// TestBreakCloses: leaving a range early closes the body, once; Close by
// the caller is no error.
func TestBreakCloses(t *testing.T) {
	body := &closeCount{Reader: strings.NewReader("data: {\"id\":1}\n\ndata: {\"id\":2}\n\n")}
	s := New[chunk](context.Background(), body, 0)
	for range s.All() {
		break
	}
	s.Close()
	if body.n != 1 || s.Err() != nil || s.Next() {
		t.Errorf("closed %d times, err %v", body.n, s.Err())
	}
}
