// Package client sends the calls of the SDK: it builds each attempt's
// request, applies the per-call options, calls the hooks, retries by the
// policy, keeps the context's deadline over the whole call (the body read
// and the waits too) and bounds every body it reads. The generated methods
// only say what varies with the spec: the path, the query, the headers and
// the body of a call, and how its answer decodes.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/oasgo/gen/internal/emit/runtime/hooks"
	"github.com/oasgo/gen/internal/emit/runtime/retry"

	// Its own group: in an SDK it is pkg/models/sdkerrors, which sorts
	// before pkg/retry.
	"github.com/oasgo/gen/internal/emit/runtime/sdkerrors"
)

// HTTPClient sends HTTP requests; *http.Client implements it.
type HTTPClient interface {
	Do(req *http.Request) (*http.Response, error)
}

// Default sizes of the bodies the SDK reads into memory.
const (
	// DefaultMaxBodyBytes bounds a success body decoded into a value.
	DefaultMaxBodyBytes = 64 << 20
	// DefaultMaxErrorBodyBytes bounds the copy of an error body kept in
	// sdkerrors.APIError (and decoded into its Model).
	DefaultMaxErrorBodyBytes = 1 << 20
)

// Config is the SDK's configuration of its calls, shared by its services.
type Config struct {
	Client    HTTPClient
	ServerURL string
	// UserAgent is sent with every request.
	UserAgent string
	// Retry is the SDK's retry policy (WithRetryConfig); nil keeps each
	// operation's.
	Retry *retry.Config
	// Timeout bounds each call, from its start to its body read; 0: none
	// but the context's.
	Timeout time.Duration
	// MaxBodyBytes and MaxErrorBodyBytes bound the bodies read into memory
	// (0: the defaults).
	MaxBodyBytes, MaxErrorBodyBytes int64

	BeforeRequest []hooks.BeforeRequest
	AfterSuccess  []hooks.AfterSuccess
	AfterError    []hooks.AfterError

	// sleep waits between attempts (tests shorten it).
	sleep func(ctx context.Context, d time.Duration) error
}

// Options are the per-call options (operations.Option).
type Options struct {
	// ServerURL replaces the SDK's server for this call.
	ServerURL string
	// Retries replaces the retry policy for this call.
	Retries *retry.Config
	// Timeout bounds this call (it replaces the SDK's WithTimeout).
	Timeout time.Duration
	// Headers are set on every attempt of this call.
	Headers map[string]string
}

// Resolve applies the per-call options; ServerURL is the SDK's unless an
// option set it.
func (c *Config) Resolve(opts []func(*Options)) *Options {
	o := &Options{}
	for _, opt := range opts {
		opt(o)
	}
	if o.ServerURL == "" {
		o.ServerURL = c.ServerURL
	}
	return o
}

// Call says what Send needs besides the request.
type Call struct {
	Operation string // operationId, for errors and hooks
	// Retry is the operation's policy from the spec (x-speakeasy-retries);
	// nil: retry.Default().
	Retry *retry.Config
	// Secrets are values that must never appear in an error (an API key
	// sent in the query).
	Secrets []string
}

// Send sends req (built by the generated method, its body replayable
// through GetBody) with the options o, retrying by the policy, and
// returns the answer of the last attempt, whose Body the caller reads
// (bounded: ReadJSON, ReadBody, ReadErrorBody) and closes. Closing it
// ends the call's deadline. An error is wrapped with the operation.
func (c *Config) Send(req *http.Request, call Call, o *Options) (*http.Response, error) {
	ctx := req.Context()
	policy := c.policy(&call, o)
	timeout := c.Timeout
	if o.Timeout > 0 {
		timeout = o.Timeout
	}
	// The deadline ends when the body is closed (or the call fails): its
	// cancel func is kept in the body wrapper.
	deadline := &cancelOnClose{cancel: func() {}}
	if timeout > 0 {
		ctx, deadline.cancel = context.WithTimeout(ctx, timeout)
	}
	cancel := func() { deadline.cancel() }
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	for k, v := range o.Headers {
		req.Header.Set(k, v)
	}
	start := time.Now()
	for attempt := 1; ; attempt++ {
		res, err := c.attempt(ctx, req, &call, o, attempt)
		if err != nil && errors.Is(err, errHook) {
			cancel()
			return nil, c.wrap(&call, err)
		}
		wait, again := policy.next(ctx, req.Method, res, err, attempt, start)
		if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
			// A body that cannot be sent again (a stream) is never
			// retried: a second attempt would send what is left of it.
			again = false
		}
		if !again {
			if err != nil {
				cancel()
				return nil, c.wrap(&call, err)
			}
			if timeout > 0 {
				deadline.ReadCloser = res.Body
				res.Body = deadline
			}
			return res, nil
		}
		if res != nil {
			drain(res.Body)
		}
		sleep := c.sleep
		if sleep == nil {
			sleep = sleepCtx
		}
		if err := sleep(ctx, wait); err != nil {
			cancel()
			return nil, c.wrap(&call, err)
		}
	}
}

// errHook marks an error a hook returned: it ends the call, unretried.
var errHook = errors.New("hook")

type hookError struct{ err error }

func (e hookError) Error() string        { return e.err.Error() }
func (e hookError) Unwrap() []error      { return []error{e.err, errHook} }
func (e hookError) Is(target error) bool { return target == errHook }

// attempt sends one attempt of req through the hooks.
func (c *Config) attempt(ctx context.Context, orig *http.Request, call *Call, o *Options, n int) (*http.Response, error) {
	req := orig
	if n > 1 || ctx != orig.Context() {
		// A fresh request per attempt (its body replayed intact), under
		// the call's deadline.
		req = orig.Clone(ctx)
		if orig.GetBody != nil {
			body, err := orig.GetBody()
			if err != nil {
				return nil, hookError{fmt.Errorf("replaying the request body: %w", err)}
			}
			req.Body = body
		}
	}
	hc := hooks.Context{Context: ctx, OperationID: call.Operation, Attempt: n, Start: time.Now()}
	var err error
	for _, h := range c.BeforeRequest {
		if req, err = h.BeforeRequest(hc, req); err != nil {
			return nil, hookError{err}
		}
	}
	res, err := c.Client.Do(req)
	if err != nil || res.StatusCode >= 400 {
		if err != nil {
			res = nil
		}
		for _, h := range c.AfterError {
			failed := err != nil
			res, err = h.AfterError(hc, res, err)
			switch {
			case err != nil && !failed:
				// The hook turned an answer into an error: the call ends.
				return nil, hookError{err}
			case err == nil && res == nil:
				return nil, hookError{errors.New("an AfterError hook returned neither a response nor an error")}
			}
		}
		return res, err
	}
	for _, h := range c.AfterSuccess {
		if res, err = h.AfterSuccess(hc, res); err != nil {
			return nil, hookError{err}
		}
	}
	return res, nil
}

// wrap names the operation in a transport error and removes the call's
// secrets from it (a *url.Error prints the URL, query and all).
func (c *Config) wrap(call *Call, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		for _, s := range call.Secrets {
			if s != "" {
				ue.URL = strings.ReplaceAll(ue.URL, url.QueryEscape(s), "REDACTED")
				ue.URL = strings.ReplaceAll(ue.URL, s, "REDACTED")
			}
		}
	}
	return fmt.Errorf("%s: %w", call.Operation, err)
}

// policy is the retry policy in force for one call.
type policy struct {
	cfg   retry.Config
	codes []string
}

func (c *Config) policy(call *Call, o *Options) policy {
	cfg := retry.Default()
	switch {
	case o.Retries != nil:
		cfg = *o.Retries
	case c.Retry != nil:
		cfg = *c.Retry
	case call.Retry != nil:
		cfg = *call.Retry
	}
	p := policy{cfg: cfg, codes: cfg.StatusCodes}
	if len(p.codes) == 0 && call.Retry != nil {
		p.codes = call.Retry.StatusCodes
	}
	if len(p.codes) == 0 {
		p.codes = retry.DefaultStatusCodes
	}
	// Unset waits are the defaults'.
	d := retry.DefaultBackoff()
	if b := p.cfg.Backoff; b != nil {
		if b.InitialInterval > 0 {
			d.InitialInterval = b.InitialInterval
		}
		if b.MaxInterval > 0 {
			d.MaxInterval = b.MaxInterval
		}
		if b.Exponent > 0 {
			d.Exponent = b.Exponent
		}
		if b.MaxElapsedTime > 0 {
			d.MaxElapsedTime = b.MaxElapsedTime
		}
	}
	p.cfg.Backoff = d
	return p
}

// idempotent methods are retried on every retried status.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// next decides whether the attempt that gave res or err is retried, and
// after how long.
func (p policy) next(ctx context.Context, method string, res *http.Response, err error, attempt int, start time.Time) (time.Duration, bool) {
	if p.cfg.Strategy != "backoff" || ctx.Err() != nil {
		return 0, false
	}
	anyMethod := idempotent(method) || p.cfg.RetryNonIdempotent
	switch {
	case err != nil:
		if !p.cfg.RetryConnectionErrors || !anyMethod || !connectionError(err) {
			return 0, false
		}
	case !retry.Matches(p.codes, res.StatusCode):
		return 0, false
	case !anyMethod && !didNotAct(res):
		return 0, false
	}
	b := p.cfg.Backoff
	wait := float64(b.InitialInterval) * math.Pow(math.Max(b.Exponent, 1), float64(attempt-1))
	if b.MaxInterval > 0 {
		wait = math.Min(wait, float64(b.MaxInterval))
	}
	wait *= 0.75 + rand.Float64()/2 // jitter: a quarter either way
	d := time.Duration(wait * float64(time.Millisecond))
	if res != nil {
		if ra, ok := retryAfter(res.Header.Get("Retry-After"), time.Now()); ok {
			d = ra
		}
	}
	if b.MaxElapsedTime > 0 && time.Since(start)+d > time.Duration(b.MaxElapsedTime)*time.Millisecond {
		return 0, false
	}
	if dl, ok := ctx.Deadline(); ok && time.Now().Add(d).After(dl) {
		return 0, false // the wait would outlive the call
	}
	return d, true
}

// didNotAct reports whether an answer says the server did not act on the
// request, so that even a POST may be sent again: 429, or 503 with a
// Retry-After (an overloaded server asking to come back; a 503 without
// one may come from a proxy after the server acted).
func didNotAct(res *http.Response) bool {
	return res.StatusCode == http.StatusTooManyRequests ||
		(res.StatusCode == http.StatusServiceUnavailable && res.Header.Get("Retry-After") != "")
}

// connectionError reports whether err is a failure to get any answer (as
// opposed to a cancelled context or a bad request).
func connectionError(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED)
}

// retryAfter reads a Retry-After value: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// drain reads a little of a body that is dropped (so the connection may
// be reused) and closes it.
func drain(body io.ReadCloser) {
	io.Copy(io.Discard, io.LimitReader(body, 4<<10))
	body.Close()
}

// cancelOnClose ends the call's deadline when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// ErrBodyTooLarge is returned when a body is larger than the SDK reads
// into memory (WithMaxBodyBytes, WithMaxErrorBodyBytes).
var ErrBodyTooLarge = errors.New("response body too large")

// limited reads at most n bytes of r, then fails with ErrBodyTooLarge.
type limited struct {
	r io.Reader
	n int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// One byte more tells a body of exactly the bound from a longer one.
		var one [1]byte
		if k, _ := l.r.Read(one[:]); k > 0 {
			return 0, ErrBodyTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

// ReadJSON decodes res's body, streamed, into out, reading at most the
// configured bound.
func (c *Config) ReadJSON(res *http.Response, out any) error {
	n := c.MaxBodyBytes
	if n <= 0 {
		n = DefaultMaxBodyBytes
	}
	dec := json.NewDecoder(&limited{r: res.Body, n: n})
	if err := dec.Decode(out); err != nil {
		if errors.Is(err, ErrBodyTooLarge) {
			return fmt.Errorf("%w: more than %d bytes (raise WithMaxBodyBytes)", ErrBodyTooLarge, n)
		}
		return err
	}
	return nil
}

// ReadBody reads res's whole body (a text answer), at most the bound.
func (c *Config) ReadBody(res *http.Response) ([]byte, error) {
	n := c.MaxBodyBytes
	if n <= 0 {
		n = DefaultMaxBodyBytes
	}
	data, err := io.ReadAll(&limited{r: res.Body, n: n})
	if errors.Is(err, ErrBodyTooLarge) {
		return nil, fmt.Errorf("%w: more than %d bytes (raise WithMaxBodyBytes)", ErrBodyTooLarge, n)
	}
	return data, err
}

// ReadErrorBody is the bounded copy of an error answer's body kept in
// sdkerrors.APIError: at most the configured bound (the rest is dropped,
// and truncated says so). A body cut short by the connection is what
// arrived.
func (c *Config) ReadErrorBody(res *http.Response) (body []byte, truncated bool) {
	n := c.MaxErrorBodyBytes
	if n <= 0 {
		n = DefaultMaxErrorBodyBytes
	}
	data, _ := io.ReadAll(io.LimitReader(res.Body, n+1))
	if int64(len(data)) > n {
		return data[:n], true
	}
	return data, false
}

// MatchContentType reports whether the Content-Type got is the media type
// want (parameters of both ignored; want may be "*/*" or "type/*").
func MatchContentType(got, want string) bool {
	if want == "*/*" {
		return true
	}
	mt, _, err := mime.ParseMediaType(got)
	if err != nil {
		return false
	}
	want, _, _ = strings.Cut(strings.ToLower(want), ";")
	want = strings.TrimSpace(want)
	if strings.HasSuffix(want, "/*") {
		return strings.HasPrefix(mt, strings.TrimSuffix(want, "*"))
	}
	return mt == want
}

// DecodeAs decodes body as a T when contentType is the media type want;
// nil when it is not, or when the body does not decode (an error answer's
// model: the bytes stay in the APIError either way).
func DecodeAs[T any](contentType, want string, body []byte) *T {
	if !MatchContentType(contentType, want) {
		return nil
	}
	out := new(T)
	if json.Unmarshal(body, out) != nil {
		return nil
	}
	return out
}

// Bearer returns an Authorization value for token, adding the Bearer
// scheme unless present.
func Bearer(token string) string {
	if len(token) >= 7 && strings.EqualFold(token[:7], "bearer ") {
		return token
	}
	return "Bearer " + token
}

// HasBody reports whether res's body has at least one byte, without
// losing it.
func HasBody(res *http.Response) bool {
	var one [1]byte
	n, _ := io.ReadFull(res.Body, one[:])
	if n == 0 {
		return false
	}
	res.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(one[:n]), res.Body), res.Body}
	return true
}

// APIError is the error of an error answer: its status, content type and
// a bounded copy of its body (ReadErrorBody).
// The response's Body is then that copy, which can be read again (the
// connection's body is closed).
func (c *Config) APIError(op string, res *http.Response) *sdkerrors.APIError {
	body, truncated := c.ReadErrorBody(res)
	res.Body.Close()
	res.Body = io.NopCloser(bytes.NewReader(body))
	return &sdkerrors.APIError{Operation: op, StatusCode: res.StatusCode, ContentType: res.Header.Get("Content-Type"),
		Body: body, Truncated: truncated, RawResponse: res}
}

// Model decodes an error answer's body as the T its status documents when
// its content type is want, and records it as e.Model; nil when it is not
// one (the bytes stay in e.Body).
func Model[T any](e *sdkerrors.APIError, want string) *T {
	out := DecodeAs[T](e.ContentType, want, e.Body)
	if out != nil {
		e.Model = out
	}
	return out
}

// DecodeJSON decodes a success answer's body, streamed and bounded, as a T
// when its content type is want. An empty body of another type is no
// answer (nil, nil); a body of another type is an error, and so is one
// that does not decode.
func DecodeJSON[T any](c *Config, res *http.Response, want string) (*T, error) {
	ct := res.Header.Get("Content-Type")
	if !MatchContentType(ct, want) {
		if HasBody(res) {
			return nil, fmt.Errorf("unexpected Content-Type %q for status %d", ct, res.StatusCode)
		}
		return nil, nil
	}
	out := new(T)
	if err := c.ReadJSON(res, out); err != nil {
		return nil, fmt.Errorf("decoding %d response: %w", res.StatusCode, err)
	}
	return out, nil
}

// DecodeLenient decodes a body as a T when its content type is want and
// it decodes; nil otherwise (an undocumented status's "default" answer).
func DecodeLenient[T any](c *Config, res *http.Response, want string) *T {
	if !MatchContentType(res.Header.Get("Content-Type"), want) {
		return nil
	}
	data, err := c.ReadBody(res)
	if err != nil {
		return nil
	}
	out := new(T)
	if json.Unmarshal(data, out) != nil {
		return nil
	}
	return out
}

// JSONBody encodes v as a request body.
func JSONBody(v any) (io.Reader, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(data), nil
}

// JSONBodyIf is JSONBody(v) when set, else no body (nil).
func JSONBodyIf(set bool, v any) (io.Reader, error) {
	if !set {
		return nil, nil
	}
	return JSONBody(v)
}
