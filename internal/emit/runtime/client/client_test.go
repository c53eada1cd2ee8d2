package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oasgo/gen/internal/emit/runtime/hooks"
	"github.com/oasgo/gen/internal/emit/runtime/retry"
)

// fast is a policy with millisecond waits.
func fast() *retry.Config {
	return &retry.Config{Strategy: "backoff", RetryConnectionErrors: true,
		Backoff: &retry.BackoffStrategy{InitialInterval: 1, MaxInterval: 5, Exponent: 2, MaxElapsedTime: 10000}}
}

// send sends one call through c.
func send(c *Config, ctx context.Context, method, url, body string, secrets ...string) (*http.Response, error) {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return nil, err
	}
	return c.Send(req, Call{Operation: "op", Secrets: secrets}, c.Resolve(nil))
}

// server answers with statuses in turn (the last one repeats) and records
// the bodies it got.
func server(t *testing.T, statuses ...int) (*httptest.Server, *[]string) {
	var mu sync.Mutex
	var bodies []string
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		i := int(n.Add(1)) - 1
		w.WriteHeader(statuses[min(i, len(statuses)-1)])
		io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &bodies
}

func TestRetryPolicy(t *testing.T) {
	cases := []struct {
		name     string
		method   string
		statuses []int
		retry    *retry.Config
		attempts int
		status   int
	}{
		{"GET 503 503 200", "GET", []int{503, 503, 200}, fast(), 3, 200},
		{"POST 503 503 200: one attempt", "POST", []int{503, 503, 200}, fast(), 1, 503},
		{"POST 429: retried", "POST", []int{429, 200}, fast(), 2, 200},
		{"POST retried when turned on", "POST", []int{503, 502, 200}, func() *retry.Config { c := fast(); c.RetryNonIdempotent = true; return c }(), 3, 200},
		{"GET 404 not retried", "GET", []int{404, 200}, fast(), 1, 404},
		{"retries off", "GET", []int{503, 200}, &retry.Config{Strategy: "none"}, 1, 503},
		{"status codes by class", "GET", []int{520, 200}, func() *retry.Config { c := fast(); c.StatusCodes = []string{"5XX"}; return c }(), 2, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, bodies := server(t, tc.statuses...)
			c := &Config{Client: srv.Client(), ServerURL: srv.URL, Retry: tc.retry}
			res, err := send(c, context.Background(), tc.method, srv.URL+"/x", `{"a":1}`)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.status || len(*bodies) != tc.attempts {
				t.Errorf("status %d after %d attempts, want %d after %d", res.StatusCode, len(*bodies), tc.status, tc.attempts)
			}
			for i, b := range *bodies {
				if b != `{"a":1}` {
					t.Errorf("attempt %d sent body %q", i+1, b)
				}
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"1": time.Second, "0": 0, " 120 ": 2 * time.Minute,
		now.Add(3 * time.Second).Format(http.TimeFormat): 3 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat):      0,
	} {
		if got, ok := retryAfter(v, now); !ok || got != want {
			t.Errorf("retryAfter(%q) = %v, %v; want %v", v, got, ok, want)
		}
	}
	for _, v := range []string{"", "soon", "-1"} {
		if _, ok := retryAfter(v, now); ok {
			t.Errorf("retryAfter(%q) accepted", v)
		}
	}
}

func TestMatches(t *testing.T) {
	if !retry.Matches([]string{"5XX"}, 503) || !retry.Matches([]string{"429"}, 429) || retry.Matches([]string{"5XX"}, 429) || retry.Matches(nil, 500) {
		t.Error("Matches")
	}
}

// TestWaitHonoursContext: a backoff wait ends when the context does.
func TestWaitHonoursContext(t *testing.T) {
	srv, _ := server(t, 503)
	long := &retry.Config{Strategy: "backoff", Backoff: &retry.BackoffStrategy{InitialInterval: 60000, MaxInterval: 60000, Exponent: 1, MaxElapsedTime: 600000}}
	c := &Config{Client: srv.Client(), ServerURL: srv.URL, Retry: long}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := send(c, ctx, "GET", srv.URL+"/", "")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("returned after %v", d)
	}
}

// TestHooksOrder: before, then after-error for the 503, before again, then
// after-success, each with the attempt's request and response.
func TestHooksOrder(t *testing.T) {
	srv, _ := server(t, 503, 200)
	var log []string
	c := &Config{Client: srv.Client(), ServerURL: srv.URL, Retry: fast(),
		BeforeRequest: []hooks.BeforeRequest{hooks.BeforeRequestFunc(func(hc hooks.Context, req *http.Request) (*http.Request, error) {
			log = append(log, "before "+hc.OperationID+" "+req.Method+" "+req.URL.Path)
			req.Header.Set("X-Hook", "1")
			return req, nil
		})},
		AfterError: []hooks.AfterError{hooks.AfterErrorFunc(func(hc hooks.Context, res *http.Response, err error) (*http.Response, error) {
			log = append(log, "error "+res.Status)
			return res, err
		})},
		AfterSuccess: []hooks.AfterSuccess{hooks.AfterSuccessFunc(func(hc hooks.Context, res *http.Response) (*http.Response, error) {
			log = append(log, "success "+res.Status+" "+res.Request.Header.Get("X-Hook"))
			return res, nil
		})},
	}
	res, err := send(c, context.Background(), "GET", srv.URL+"/p", "")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	want := "before op GET /p|error 503 Service Unavailable|before op GET /p|success 200 OK 1"
	if got := strings.Join(log, "|"); got != want {
		t.Errorf("hooks:\n got %s\nwant %s", got, want)
	}
}

// TestBodyBounds: a body over the bound fails to decode with
// ErrBodyTooLarge; an error body is cut at its bound.
func TestBodyBounds(t *testing.T) {
	c := &Config{MaxBodyBytes: 8, MaxErrorBodyBytes: 4}
	res := &http.Response{Body: io.NopCloser(strings.NewReader(`{"a":"0123456789"}`))}
	var v map[string]string
	if err := c.ReadJSON(res, &v); !errors.Is(err, ErrBodyTooLarge) {
		t.Errorf("ReadJSON: %v", err)
	}
	res = &http.Response{Body: io.NopCloser(strings.NewReader(`"1234"`))}
	var s string
	if err := (&Config{MaxBodyBytes: 6}).ReadJSON(res, &s); err != nil || s != "1234" {
		t.Errorf("a body of exactly the bound: %v %q", err, s)
	}
	res = &http.Response{Body: io.NopCloser(strings.NewReader("abcdefgh"))}
	if b, cut := c.ReadErrorBody(res); string(b) != "abcd" || !cut {
		t.Errorf("ReadErrorBody: %q %v", b, cut)
	}
}

// TestSecretsRedacted: an API key sent in the query never shows in an
// error.
func TestSecretsRedacted(t *testing.T) {
	c := &Config{Client: http.DefaultClient, ServerURL: "http://127.0.0.1:1", Retry: &retry.Config{Strategy: "none"}}
	_, err := send(c, context.Background(), "GET", "http://127.0.0.1:1/?api_key=s3cr%2Bt", "", "s3cr+t")
	if err == nil || strings.Contains(err.Error(), "s3cr") || !strings.HasPrefix(err.Error(), "op: ") {
		t.Errorf("err %v", err)
	}
}

// TestStreamedBodyNotRetried: a request body without GetBody (a stream,
// which cannot be replayed) makes one attempt whatever the policy.
func TestStreamedBodyNotRetried(t *testing.T) {
	srv, bodies := server(t, 503, 200)
	c := &Config{Client: srv.Client(), ServerURL: srv.URL, Retry: fast()}
	req, err := http.NewRequest("PUT", srv.URL+"/x", io.MultiReader(strings.NewReader("stream")))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Send(req, Call{Operation: "op"}, c.Resolve(nil))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 503 || len(*bodies) != 1 || (*bodies)[0] != "stream" {
		t.Errorf("status %d after %d attempts (%q)", res.StatusCode, len(*bodies), *bodies)
	}
}
