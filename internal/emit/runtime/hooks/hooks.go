// Package hooks lets a program see and change every HTTP exchange of the
// SDK: before each attempt is sent (to add a header, sign, refresh a
// token), after an attempt succeeds, and after one fails (an error status
// or no answer at all). Logging, tracing and auth refresh live here.
//
// Hooks are registered with the SDK's WithHooks option and called in the
// order given, for every attempt of every call (a retried call calls them
// again).
package hooks

import (
	"context"
	"net/http"
	"time"
)

// Context says which call an attempt belongs to.
type Context struct {
	// Context is the call's context.
	Context context.Context
	// OperationID is the operationId of the call ("sessionsCreate").
	OperationID string
	// Attempt counts the attempts of the call, from 1.
	Attempt int
	// Start is when this attempt began (before the BeforeRequest hooks):
	// time.Since(hc.Start) in an After hook is the attempt's latency.
	Start time.Time
}

// BeforeRequest is called before each attempt is sent. It may change the
// request or return another; an error ends the call with that error.
type BeforeRequest interface {
	BeforeRequest(hc Context, req *http.Request) (*http.Request, error)
}

// AfterSuccess is called after an attempt whose answer is not an error
// (status below 400). It may replace the response; an error ends the call
// with that error.
type AfterSuccess interface {
	AfterSuccess(hc Context, res *http.Response) (*http.Response, error)
}

// AfterError is called after an attempt that failed: res is the answer
// when it is an error status (err is nil), or nil when the attempt got no
// answer (err says why). It may replace either.
type AfterError interface {
	AfterError(hc Context, res *http.Response, err error) (*http.Response, error)
}

// BeforeRequestFunc is a BeforeRequest hook made of a function.
type BeforeRequestFunc func(hc Context, req *http.Request) (*http.Request, error)

// BeforeRequest calls f.
func (f BeforeRequestFunc) BeforeRequest(hc Context, req *http.Request) (*http.Request, error) {
	return f(hc, req)
}

// AfterSuccessFunc is an AfterSuccess hook made of a function.
type AfterSuccessFunc func(hc Context, res *http.Response) (*http.Response, error)

// AfterSuccess calls f.
func (f AfterSuccessFunc) AfterSuccess(hc Context, res *http.Response) (*http.Response, error) {
	return f(hc, res)
}

// AfterErrorFunc is an AfterError hook made of a function.
type AfterErrorFunc func(hc Context, res *http.Response, err error) (*http.Response, error)

// AfterError calls f.
func (f AfterErrorFunc) AfterError(hc Context, res *http.Response, err error) (*http.Response, error) {
	return f(hc, res, err)
}
