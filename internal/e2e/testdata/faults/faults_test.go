package faults

// Faults injected by httptest servers into the SDK generated from
// faults.yml: retries, Retry-After, resets, truncated and endless bodies,
// HTML errors, deadlines, hooks, streamed downloads, and a soak test.
// Waits are checked with a lower bound where the behaviour demands one,
// and a loose upper bound where it demands promptness.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdk "openapi"
	"openapi/pkg/hooks"
	"openapi/pkg/models/operations"
	"openapi/pkg/models/sdkerrors"
	"openapi/pkg/models/shared"
	"openapi/pkg/retry"
)

const key = "k3y-s3cr3t"

// fast retries in milliseconds, for tests that are not about the waits.
func fast() retry.Config {
	return retry.Config{Strategy: "backoff", RetryConnectionErrors: true,
		Backoff: &retry.BackoffStrategy{InitialInterval: 1, MaxInterval: 5, Exponent: 2, MaxElapsedTime: 10000}}
}

// script answers request i with handlers[i] (the last repeats) and keeps
// each request's arrival time and body.
type script struct {
	mu       sync.Mutex
	times    []time.Time
	bodies   []string
	handlers []http.HandlerFunc
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	i := len(s.times)
	s.times = append(s.times, time.Now())
	s.bodies = append(s.bodies, string(b))
	h := s.handlers[min(i, len(s.handlers)-1)]
	s.mu.Unlock()
	h(w, r)
}

func (s *script) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.times)
}

func status(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

const list = `{"data":[{"id":"1","name":"a"}]}`

func newSDK(t *testing.T, h http.Handler, opts ...sdk.SDKOption) *sdk.SDK {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return sdk.New(append([]sdk.SDKOption{sdk.WithServerURL(srv.URL), sdk.WithSecurity(shared.Security{APIKey: key})}, opts...)...)
}

func TestGET503Then200(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{status(503, `{}`), status(503, `{}`), status(200, list)}}
	c := newSDK(t, s) // the default policy
	res, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if s.count() != 3 || res.StatusCode != 200 || len(res.ItemList.Data) != 1 {
		t.Fatalf("%d attempts, status %d", s.count(), res.StatusCode)
	}
}

func TestPOST503NotRetried(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{status(503, `{"message":"busy"}`), status(503, `{}`), status(201, `{"id":"1"}`)}}
	c := newSDK(t, s, sdk.WithRetryConfig(fast()))
	_, err := c.Items.ItemsCreate(context.Background(), operations.ItemsCreateRequest{Item: shared.Item{Name: sdk.String("a")}})
	var apiErr *sdkerrors.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || s.count() != 1 {
		t.Fatalf("err %v after %d attempts; want the 503 after one", err, s.count())
	}
	// Turned on for this call: three attempts, the same body each time.
	s = &script{handlers: s.handlers}
	c = newSDK(t, s)
	on := fast()
	on.RetryNonIdempotent = true
	res, err := c.Items.ItemsCreate(context.Background(), operations.ItemsCreateRequest{Item: shared.Item{Name: sdk.String("a")}}, operations.WithRetries(on))
	if err != nil || res.StatusCode != 201 || s.count() != 3 {
		t.Fatalf("err %v, %d attempts", err, s.count())
	}
	for i, b := range s.bodies {
		if b != `{"name":"a"}` {
			t.Errorf("attempt %d: body %q", i+1, b)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{
		func(w http.ResponseWriter, r *http.Request) { w.Header().Set("Retry-After", "1"); w.WriteHeader(429) },
		status(200, list),
	}}
	c := newSDK(t, s)
	if _, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{}); err != nil {
		t.Fatal(err)
	}
	if s.count() != 2 {
		t.Fatalf("%d attempts", s.count())
	}
	if gap := s.times[1].Sub(s.times[0]); gap < time.Second {
		t.Errorf("second attempt %v after the first, want >= 1s (Retry-After: 1)", gap)
	}
}

func TestRetryAfterOnPOST(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{
		func(w http.ResponseWriter, r *http.Request) { w.Header().Set("Retry-After", "0"); w.WriteHeader(503) },
		status(201, `{"id":"1"}`),
	}}
	c := newSDK(t, s)
	if _, err := c.Items.ItemsCreate(context.Background(), operations.ItemsCreateRequest{}); err != nil || s.count() != 2 {
		t.Fatalf("err %v after %d attempts: a 503 with Retry-After says the server did not act", err, s.count())
	}
}

func TestRetriesDisabled(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{status(503, `{}`), status(200, list)}}
	c := newSDK(t, s, sdk.WithRetryConfig(retry.None()))
	if _, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{}); err == nil || s.count() != 1 {
		t.Fatalf("err %v after %d attempts", err, s.count())
	}
}

func TestSpecRetries(t *testing.T) {
	// flakyGet's x-speakeasy-retries retries 418 (and nothing else).
	s := &script{handlers: []http.HandlerFunc{status(418, `{}`), status(418, `{}`), status(200, `{"id":"1"}`)}}
	c := newSDK(t, s)
	res, err := c.Items.FlakyGet(context.Background(), operations.FlakyGetRequest{})
	if err != nil || res.StatusCode != 200 || s.count() != 3 {
		t.Fatalf("err %v after %d attempts", err, s.count())
	}
	s = &script{handlers: []http.HandlerFunc{status(503, `{}`), status(200, `{"id":"1"}`)}}
	c = newSDK(t, s)
	if _, err := c.Items.FlakyGet(context.Background(), operations.FlakyGetRequest{}); err == nil || s.count() != 1 {
		t.Fatalf("503 is not among flakyGet's statuses: err %v after %d attempts", err, s.count())
	}
}

// hijack answers with raw bytes and then drops the connection.
func hijack(raw string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		buf.WriteString(raw)
		buf.Flush()
		if tc, ok := conn.(*net.TCPConn); ok {
			tc.SetLinger(0) // a reset, not a clean close
		}
		conn.Close()
	}
}

func TestResetMidBody(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{hijack("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"data\":[{\"id\":")}}
	c := newSDK(t, s, sdk.WithRetryConfig(fast()))
	_, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{})
	if err == nil || !strings.HasPrefix(err.Error(), "itemsList: ") {
		t.Fatalf("err %v", err)
	}
}

func TestTruncatedJSON(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{status(200, `{"data":[{"id":"1"`)}}
	c := newSDK(t, s)
	_, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{})
	if err == nil || !strings.Contains(err.Error(), "decoding 200 response") {
		t.Fatalf("err %v", err)
	}
}

func TestHTML502(t *testing.T) {
	html := "<html><body><h1>502 Bad Gateway</h1></body></html>"
	s := &script{handlers: []http.HandlerFunc{func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		io.WriteString(w, html)
	}}}
	c := newSDK(t, s, sdk.WithRetryConfig(fast()))
	res, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{})
	var apiErr *sdkerrors.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 || string(apiErr.Body) != html || apiErr.Model != nil || res.Error != nil {
		t.Fatalf("err %v", err)
	}
	if s.count() < 2 {
		t.Errorf("a 502 on a GET is retried: %d attempts", s.count())
	}
}

func TestSlowerThanDeadline(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	}}}
	c := newSDK(t, s)
	for name, call := range map[string]func() error{
		"context": func() error {
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			_, err := c.Items.ItemsList(ctx, operations.ItemsListRequest{})
			return err
		},
		"WithOperationTimeout": func() error {
			_, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{}, operations.WithOperationTimeout(300*time.Millisecond))
			return err
		},
	} {
		start := time.Now()
		err := call()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: err %v, want a deadline error", name, err)
		}
		if d := time.Since(start); d > 300*time.Millisecond+time.Second {
			t.Errorf("%s: returned after %v, want within the deadline plus a second", name, d)
		}
	}
}

// endless writes prefix and then chunk forever (until the client goes).
func endless(code int, prefix, chunk string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		io.WriteString(w, prefix)
		c := []byte(strings.Repeat(chunk, 1024))
		for {
			if _, err := w.Write(c); err != nil {
				return
			}
		}
	}
}

func TestEndlessBody(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{endless(200, `{"data":[`, `{"id":"xxxxxxxx"},`)}}
	c := newSDK(t, s, sdk.WithMaxBodyBytes(8<<20))
	var err error
	grew := heapGrowth(func() {
		_, err = c.Items.ItemsList(context.Background(), operations.ItemsListRequest{})
	})
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("err %v", err)
	}
	if grew > 64<<20 {
		t.Errorf("heap grew by %d MiB reading an endless body bounded at 8 MiB", grew>>20)
	}
	t.Logf("endless 200 body (bound 8 MiB): heap grew by %.1f MiB", float64(grew)/(1<<20))
}

func TestEndlessErrorBody(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{endless(500, `{"message":"`, `xxxxxxxxxxxxxxxx`)}}
	c := newSDK(t, s, sdk.WithRetryConfig(retry.None()))
	var err error
	grew := heapGrowth(func() {
		_, err = c.Items.ItemsList(context.Background(), operations.ItemsListRequest{})
	})
	var apiErr *sdkerrors.APIError
	if !errors.As(err, &apiErr) || !apiErr.Truncated || len(apiErr.Body) != 1<<20 {
		t.Fatalf("err %v", err)
	}
	if grew > 32<<20 {
		t.Errorf("heap grew by %d MiB reading an endless error body (1 MiB kept)", grew>>20)
	}
	t.Logf("endless error body (1 MiB kept): heap grew by %.1f MiB", float64(grew)/(1<<20))
}

func TestDownloadStreamed(t *testing.T) {
	const size = 100 << 20
	s := &script{handlers: []http.HandlerFunc{func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", fmt.Sprint(size))
		chunk := bytes.Repeat([]byte{'z'}, 64<<10)
		for n := 0; n < size; n += len(chunk) {
			w.Write(chunk)
		}
	}}}
	c := newSDK(t, s)
	var n int64
	grew := heapGrowth(func() {
		res, err := c.Files.FilesDownload(context.Background(), operations.FilesDownloadRequest{ID: "f"})
		if err != nil {
			t.Fatal(err)
		}
		defer res.FilesDownload200ApplicationOctetStream.Close()
		// The caller has the answer's content type and length before reading.
		if res.ContentType != "application/octet-stream" || res.ContentLength != size {
			t.Errorf("content type %q, length %d", res.ContentType, res.ContentLength)
		}
		n, err = io.Copy(io.Discard, res.FilesDownload200ApplicationOctetStream)
		if err != nil {
			t.Fatal(err)
		}
	})
	if n != size {
		t.Errorf("read %d bytes, want %d", n, size)
	}
	if grew > 16<<20 {
		t.Errorf("heap grew by %d MiB streaming a 100 MiB download", grew>>20)
	}
	// The baseline, in the same run: the same answer read whole.
	var whole []byte
	base := heapGrowth(func() {
		res, err := c.Files.FilesDownload(context.Background(), operations.FilesDownloadRequest{ID: "f"})
		if err != nil {
			t.Fatal(err)
		}
		defer res.FilesDownload200ApplicationOctetStream.Close()
		whole, _ = io.ReadAll(res.FilesDownload200ApplicationOctetStream)
	})
	if len(whole) != size || base < 64<<20 {
		t.Errorf("the read-whole baseline: %d bytes, heap grew by %d MiB: the measure is broken", len(whole), base>>20)
	}
	t.Logf("100 MiB download: heap grew by %.1f MiB streamed, %.1f MiB read whole (same run)", float64(grew)/(1<<20), float64(base)/(1<<20))
}

func TestHooks(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{status(503, `{}`), func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Trace") != "t1" {
			w.WriteHeader(400)
			return
		}
		status(200, list)(w, r)
	}}}
	var log []string
	c := newSDK(t, s, sdk.WithRetryConfig(fast()),
		sdk.WithBeforeRequest(hooks.BeforeRequestFunc(func(hc hooks.Context, req *http.Request) (*http.Request, error) {
			req.Header.Set("X-Trace", "t1")
			log = append(log, fmt.Sprintf("before %s #%d %s %s", hc.OperationID, hc.Attempt, req.Method, req.URL.Path))
			return req, nil
		})),
		sdk.WithAfterError(hooks.AfterErrorFunc(func(hc hooks.Context, res *http.Response, err error) (*http.Response, error) {
			log = append(log, fmt.Sprintf("error #%d %d", hc.Attempt, res.StatusCode))
			return res, err
		})),
		sdk.WithAfterSuccess(hooks.AfterSuccessFunc(func(hc hooks.Context, res *http.Response) (*http.Response, error) {
			log = append(log, fmt.Sprintf("success #%d %d %s", hc.Attempt, res.StatusCode, res.Request.Header.Get("X-Trace")))
			return res, nil
		})),
	)
	if _, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{}); err != nil {
		t.Fatal(err)
	}
	want := "before itemsList #1 GET /items|error #1 503|before itemsList #2 GET /items|success #2 200 t1"
	if got := strings.Join(log, "|"); got != want {
		t.Errorf("hooks:\n got %s\nwant %s", got, want)
	}
}

func TestUserAgentAndHeaders(t *testing.T) {
	var ua, extra string
	c := newSDK(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua, extra = r.Header.Get("User-Agent"), r.Header.Get("X-Extra")
		status(200, list)(w, r)
	}))
	if _, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{}, operations.WithSetHeaders(map[string]string{"X-Extra": "1"})); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ua, "gen/") || !strings.Contains(ua, "(openapi; api 1.0.0)") || extra != "1" {
		t.Errorf("User-Agent %q, X-Extra %q", ua, extra)
	}
}

func TestServerURLOption(t *testing.T) {
	s := &script{handlers: []http.HandlerFunc{status(200, list)}}
	other := httptest.NewServer(s)
	defer other.Close()
	c := sdk.New(sdk.WithServerURL("http://127.0.0.1:1"))
	if _, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{}, operations.WithServerURL(other.URL)); err != nil || s.count() != 1 {
		t.Fatalf("err %v, %d requests", err, s.count())
	}
}

// TestKeyNeverInErrors: the API key travels in the query; a transport
// error (which prints the URL) does not show it.
func TestKeyNeverInErrors(t *testing.T) {
	c := sdk.New(sdk.WithServerURL("http://127.0.0.1:1"), sdk.WithSecurity(shared.Security{APIKey: key}), sdk.WithRetryConfig(retry.None()))
	_, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{})
	if err == nil || strings.Contains(err.Error(), key) || !strings.HasPrefix(err.Error(), "itemsList: ") {
		t.Fatalf("err %v", err)
	}
}

// TestSoak: 2,000 calls from 32 goroutines, a random fifth of the answers
// 503 (fixed seed). Every call ends in success or a typed error; no call
// is lost, none sent more often than the policy allows; no goroutine leaks.
func TestSoak(t *testing.T) {
	const calls, workers = 2000, 32
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(1, 2))
	served := map[string][]int{} // call -> the statuses it got, in order
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fail := rng.IntN(5) == 0
		id := r.Header.Get("X-Call")
		served[id] = append(served[id], map[bool]int{true: 503, false: 200}[fail])
		mu.Unlock()
		if fail {
			status(503, `{"message":"busy"}`)(w, r)
			return
		}
		status(200, list)(w, r)
	}))
	defer srv.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: workers}
	before := runtime.NumGoroutine()
	policy := fast()
	c := sdk.New(sdk.WithServerURL(srv.URL), sdk.WithClient(&http.Client{Transport: tr}), sdk.WithRetryConfig(policy))
	var ok, failed atomic.Int32
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				_, err := c.Items.ItemsList(context.Background(), operations.ItemsListRequest{},
					operations.WithSetHeaders(map[string]string{"X-Call": fmt.Sprint(i)}))
				var apiErr *sdkerrors.APIError
				switch {
				case err == nil:
					ok.Add(1)
				case errors.As(err, &apiErr) && apiErr.StatusCode == 503:
					failed.Add(1)
				default:
					t.Errorf("call %d: untyped error %v", i, err)
				}
			}
		}()
	}
	for i := range calls {
		next <- i
	}
	close(next)
	wg.Wait()
	if int(ok.Load()+failed.Load()) != calls || len(served) != calls {
		t.Errorf("%d succeeded, %d failed, %d calls seen by the server; want %d", ok.Load(), failed.Load(), len(served), calls)
	}
	// The policy: a GET is sent again after each 503, never after a 200.
	total := 0
	for id, got := range served {
		total += len(got)
		for i, st := range got {
			if st == 200 && i != len(got)-1 {
				t.Errorf("call %s sent again after its 200: %v", id, got)
			}
		}
	}
	tr.CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		t.Errorf("%d goroutines after, %d before", n, before)
	}
	t.Logf("soak: %d calls, %d requests (a fifth answered 503), %d succeeded, %d gave up; goroutines %d before, %d after",
		calls, total, ok.Load(), failed.Load(), before, runtime.NumGoroutine())
}
