package events

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	sdk "openapi"
	"openapi/pkg/models/operations"
	"openapi/pkg/models/sdkerrors"
	"openapi/pkg/models/shared"
	"openapi/pkg/types"
)

// serve starts a server for the test and an SDK pointed at it.
func serve(t *testing.T, h http.HandlerFunc) *sdk.SDK {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return sdk.New(sdk.WithServerURL(srv.URL))
}

// TestThousandTicks: 1,000 events, their JSON data split over several
// lines, with comments, ids and CRLF line ends, flushed in batches, read
// through the generated method as typed values.
func TestThousandTicks(t *testing.T) {
	const n = 1000
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("count") != "1000" || !strings.HasPrefix(r.Header.Get("Accept"), "text/event-stream") {
			http.Error(w, "bad request", 400)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
		for i := range n {
			fmt.Fprintf(w, ": tick %d follows\r\nid: t%d\r\n", i, i)
			fmt.Fprintf(w, "data: {\"seq\": %d,\r\ndata:  \"text\": \"line one\\nline two\"}\r\n\r\n", i)
			if i%50 == 0 {
				w.(http.Flusher).Flush()
			}
		}
	})
	start := time.Now()
	res, err := s.Ticks.WatchTicks(context.Background(), operations.WatchTicksRequest{Count: sdk.Int64(n)})
	if err != nil {
		t.Fatal(err)
	}
	var got int
	for ev, err := range res.Events.Events() {
		if err != nil {
			t.Fatalf("after %d events: %v", got, err)
		}
		want := shared.Tick{Seq: int64(got), Text: "line one\nline two"}
		if ev.Data != want || ev.ID != fmt.Sprintf("t%d", got) || ev.Event != "message" {
			t.Fatalf("event %d: %+v", got, ev)
		}
		got++
	}
	if got != n || res.Events.Err() != nil {
		t.Fatalf("%d events (err %v), want %d", got, res.Events.Err(), n)
	}
	t.Logf("%d events in %v", n, time.Since(start))
}

// TestCutMidEvent: the server closes the stream in the middle of an event:
// the events before it arrive, then an error wrapping io.ErrUnexpectedEOF.
func TestCutMidEvent(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: {\"seq\": 0, \"text\": \"a\"}\n\ndata: {\"seq\": 1, \"text\": \"b\"}\n\ndata: {\"seq\": 2,\n")
	})
	res, err := s.Ticks.WatchTicks(context.Background(), operations.WatchTicksRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var seqs []int64
	var last error
	for tick, err := range res.Events.All() {
		if err != nil {
			last = err
			continue
		}
		seqs = append(seqs, tick.Seq)
	}
	if fmt.Sprint(seqs) != "[0 1]" || !errors.Is(last, io.ErrUnexpectedEOF) {
		t.Fatalf("events %v, error %v; want [0 1] and io.ErrUnexpectedEOF", seqs, last)
	}
	t.Logf("cut mid-event: %v", last)
}

// TestCancel: cancelling the context ends a stream whose server has gone
// quiet, with the context's error, and closes the connection.
func TestCancel(t *testing.T) {
	gone := make(chan struct{})
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: {\"seq\": 0, \"text\": \"a\"}\n\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		close(gone)
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := s.Ticks.WatchTicks(ctx, operations.WatchTicksRequest{})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Events.Close()
	if !res.Events.Next() {
		t.Fatalf("no first event: %v", res.Events.Err())
	}
	time.AfterFunc(20*time.Millisecond, cancel)
	if res.Events.Next() || !errors.Is(res.Events.Err(), context.Canceled) {
		t.Fatalf("after cancel: err %v", res.Events.Err())
	}
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("the server's request did not end")
	}
}

// TestBreakCloses: leaving the range early closes the connection.
func TestBreakCloses(t *testing.T) {
	gone := make(chan struct{})
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for i := 0; ; i++ {
			if _, err := fmt.Fprintf(w, "data: {\"seq\": %d, \"text\": \"x\"}\n\n", i); err != nil {
				break
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				close(gone)
				return
			case <-time.After(time.Millisecond):
			}
		}
		close(gone)
	})
	res, err := s.Ticks.WatchTicks(context.Background(), operations.WatchTicksRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for tick, err := range res.Events.All() {
		if err != nil || tick.Seq == 3 {
			break
		}
	}
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("the stream was not closed")
	}
}

// TestDual: CreateCompletion asks for JSON and sends the body as given;
// CreateCompletionStream asks for the stream, sends stream: true (without
// changing the caller's request) and reads the chunks up to [DONE].
func TestDual(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		if body["stream"] == true {
			if r.Header.Get("Accept") != "text/event-stream" {
				http.Error(w, "stream without Accept: text/event-stream", 400)
				return
			}
			w.Header().Set("Content-Type", "text/event-stream")
			for _, d := range []string{"he", "ll", "o"} {
				fmt.Fprintf(w, "data: {\"id\": \"c1\", \"delta\": %q}\n\n", d)
			}
			fmt.Fprint(w, "data: [DONE]\n\n")
			return
		}
		if r.Header.Get("Accept") != "application/json" {
			http.Error(w, "JSON answer without Accept: application/json", 400)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id": "c1", "text": "hello"}`)
	})
	req := operations.CreateCompletionRequest{CompletionRequest: shared.CompletionRequest{Prompt: "hi"}}
	res, err := s.Ticks.CreateCompletion(context.Background(), req)
	if err != nil || res.Completion == nil || res.Completion.Text != "hello" || res.Events != nil {
		t.Fatalf("plain: %+v, %v", res, err)
	}
	res, err = s.Ticks.CreateCompletionStream(context.Background(), req)
	if err != nil || res.Events == nil {
		t.Fatalf("stream: %+v, %v", res, err)
	}
	var text strings.Builder
	for chunk, err := range res.Events.All() {
		if err != nil {
			t.Fatal(err)
		}
		text.WriteString(chunk.Delta)
	}
	if text.String() != "hello" {
		t.Errorf("streamed %q", text.String())
	}
	if req.CompletionRequest.Stream != (types.Nullable[bool]{}) {
		t.Errorf("the caller's request was changed: %+v", req.CompletionRequest.Stream)
	}
}

// TestTextEvents: a stream without a schema is text.
func TestTextEvents(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "retry: 3000\ndata: first line\ndata: second line\n\nevent: end\ndata: [DONE]\n\n")
	})
	res, err := s.Ticks.TailLog(context.Background(), operations.TailLogRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for ev, err := range res.Events.Events() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev.Event+"="+ev.Data+"/"+ev.Retry.String())
	}
	if want := "[message=first line\nsecond line/3s end=[DONE]/3s]"; fmt.Sprint(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestErrorStatus: an error answer is an *sdkerrors.APIError, its
// documented model decoded, no stream.
func TestErrorStatus(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		fmt.Fprint(w, `{"message": "no"}`)
	})
	res, err := s.Ticks.WatchTicks(context.Background(), operations.WatchTicksRequest{})
	var apiErr *sdkerrors.APIError
	if !errors.As(err, &apiErr) || res.Problem == nil || *res.Problem.Message != "no" || res.Events != nil {
		t.Fatalf("res %+v, err %v", res, err)
	}
}
