// Package retry configures how the SDK retries a call: which answers are
// retried, how long it waits between attempts, and for how long in all.
//
// A call is retried when its answer has one of the retried statuses (by
// default 408, 429, 500, 502, 503 and 504) or, if RetryConnectionErrors is
// set, when the connection failed. GET, HEAD, PUT, DELETE and OPTIONS are
// retried so; POST and PATCH only when the server said it did not act (429,
// or 503 with a Retry-After), unless RetryNonIdempotent is set, so that a
// resource is never created twice by surprise. The waits grow exponentially, with jitter,
// and a Retry-After header (seconds or an HTTP date) is honoured. No
// attempt starts once the call's context is done.
package retry

import (
	"strconv"
	"strings"
)

// Config is a retry policy. The zero Config (Strategy "") keeps the
// policy the SDK would use without it; Strategy "none" turns retries off.
type Config struct {
	// Strategy is "backoff" (retry with exponential backoff) or "none".
	Strategy string
	// Backoff sets the waits; nil keeps the defaults (DefaultBackoff).
	Backoff *BackoffStrategy
	// RetryConnectionErrors retries a call whose connection failed (refused,
	// reset, timed out) before any answer arrived.
	RetryConnectionErrors bool
	// StatusCodes are the answers retried: "503", or "5XX" for a class.
	// Empty keeps the operation's (from the spec) or DefaultStatusCodes.
	StatusCodes []string
	// RetryNonIdempotent retries POST and PATCH calls like the others (on
	// every status of StatusCodes and, with RetryConnectionErrors, on
	// connection errors), not only on 429 and on 503 with a Retry-After.
	RetryNonIdempotent bool
}

// BackoffStrategy sets the waits between attempts, in milliseconds: the
// first wait is InitialInterval, each next one Exponent times the last,
// never more than MaxInterval, each varied by up to a quarter either way
// (jitter); no attempt starts MaxElapsedTime after the first began.
type BackoffStrategy struct {
	InitialInterval int
	MaxInterval     int
	Exponent        float64
	MaxElapsedTime  int
}

// DefaultStatusCodes are the statuses retried when neither the caller nor
// the spec says which.
var DefaultStatusCodes = []string{"408", "429", "500", "502", "503", "504"}

// DefaultBackoff is the backoff when neither the caller nor the spec sets
// one: 500 ms, then 750 ms, 1.1 s ... up to 30 s between attempts, for at
// most a minute in all.
func DefaultBackoff() *BackoffStrategy {
	return &BackoffStrategy{InitialInterval: 500, MaxInterval: 30000, Exponent: 1.5, MaxElapsedTime: 60000}
}

// Default is the policy of a call when neither the caller nor the spec
// sets one: backoff, connection errors retried.
func Default() Config {
	return Config{Strategy: "backoff", Backoff: DefaultBackoff(), RetryConnectionErrors: true}
}

// None is a policy that never retries.
func None() Config { return Config{Strategy: "none"} }

// Matches reports whether status is one of codes ("503", "5XX", "5xx").
func Matches(codes []string, status int) bool {
	s := strconv.Itoa(status)
	for _, c := range codes {
		c = strings.TrimSpace(c)
		if c == s {
			return true
		}
		if len(c) == 3 && len(s) == 3 && c[0] == s[0] && strings.EqualFold(c[1:], "xx") {
			return true
		}
	}
	return false
}
