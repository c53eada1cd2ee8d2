// Package operations holds each operation's request and response types,
// and the per-call options every method takes.
package operations

import (
	"time"

	"github.com/oasgo/gen/internal/emit/runtime/client"
	"github.com/oasgo/gen/internal/emit/runtime/retry"
)

// Option is a per-call option: every method of the SDK takes any number
// after its arguments.
type Option = func(*client.Options)

// WithServerURL sends this call to serverURL instead of the SDK's server.
func WithServerURL(serverURL string) Option {
	return func(o *client.Options) { o.ServerURL = serverURL }
}

// WithRetries sets the retry policy of this call (retry.None() turns
// retries off).
func WithRetries(config retry.Config) Option {
	return func(o *client.Options) { o.Retries = &config }
}

// WithOperationTimeout bounds this call, from its start to the end of its
// body read (including the waits between retries).
func WithOperationTimeout(timeout time.Duration) Option {
	return func(o *client.Options) { o.Timeout = timeout }
}

// WithSetHeaders sets these headers on every attempt of this call.
func WithSetHeaders(headers map[string]string) Option {
	return func(o *client.Options) {
		if o.Headers == nil {
			o.Headers = make(map[string]string, len(headers))
		}
		for k, v := range headers {
			o.Headers[k] = v
		}
	}
}
