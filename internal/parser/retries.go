package parser

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/oasgo/gen/internal/model"
)

// retriesKey is Speakeasy's extension for a retry policy, on the document
// (every operation's default) or on an operation (its own).
const retriesKey = "x-speakeasy-retries"

// lowerRetries reads an x-speakeasy-retries value:
//
//	x-speakeasy-retries:
//	  strategy: backoff            # or none
//	  backoff: {initialInterval: 500, maxInterval: 60000, maxElapsedTime: 3600000, exponent: 1.5}
//	  statusCodes: [5XX, 429]
//	  retryConnectionErrors: true
//
// A value gen cannot read is a warning (kind "retries") and is left out:
// the SDK's default policy applies.
func (b *builder) lowerRetries(ext map[string]any, pos model.Pos, fallback string) *model.Retries {
	raw, ok := ext[retriesKey]
	if !ok || raw == nil {
		return nil
	}
	bad := func(format string, args ...any) *model.Retries {
		b.warnf("retries", pos, "%s: %s: ignored (%s)", retriesKey, fmt.Sprintf(format, args...), fallback)
		return nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return bad("must be an object")
	}
	r := &model.Retries{Pos: pos}
	for _, k := range sortedKeys(m) {
		v := m[k]
		switch k {
		case "strategy":
			s, _ := v.(string)
			if s != "backoff" && s != "none" {
				return bad("strategy must be backoff or none, not %v", v)
			}
			r.Strategy = s
		case "retryConnectionErrors":
			bv, ok := v.(bool)
			if !ok {
				return bad("retryConnectionErrors must be true or false")
			}
			r.RetryConnectionErrors = bv
		case "statusCodes":
			list, ok := v.([]any)
			if !ok {
				return bad("statusCodes must be a list of statuses (503, 5XX)")
			}
			for _, c := range list {
				code := fmt.Sprint(c)
				if f, ok := c.(float64); ok && f == math.Trunc(f) {
					code = strconv.Itoa(int(f))
				}
				if !validStatus(code) {
					return bad("statusCodes: %q is not a status (503) or a class (5XX)", code)
				}
				r.StatusCodes = append(r.StatusCodes, strings.ToUpper(code))
			}
		case "backoff":
			bm, ok := v.(map[string]any)
			if !ok {
				return bad("backoff must be an object")
			}
			for _, bk := range sortedKeys(bm) {
				n, ok := bm[bk].(float64)
				if !ok || n < 0 || n > math.MaxInt32 {
					return bad("backoff.%s must be a non-negative number", bk)
				}
				switch bk {
				case "initialInterval":
					r.InitialInterval = int(n)
				case "maxInterval":
					r.MaxInterval = int(n)
				case "maxElapsedTime":
					r.MaxElapsedTime = int(n)
				case "exponent":
					r.Exponent = n
				default:
					return bad("unknown key backoff.%s (known: exponent, initialInterval, maxElapsedTime, maxInterval)", bk)
				}
			}
		default:
			return bad("unknown key %s (known: backoff, retryConnectionErrors, statusCodes, strategy)", k)
		}
	}
	if r.Strategy == "" {
		return bad("strategy is missing (backoff or none)")
	}
	return r
}

// validStatus: "503" or a class "5XX".
func validStatus(s string) bool {
	if len(s) != 3 || s[0] < '1' || s[0] > '5' {
		return false
	}
	if strings.EqualFold(s[1:], "xx") {
		return true
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= 100 && n <= 599
}
