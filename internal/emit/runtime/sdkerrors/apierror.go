// Package sdkerrors holds the error every SDK call returns for an error
// answer of the API.
package sdkerrors

import (
	"fmt"
	"net/http"
	"strings"
)

// APIError is returned, beside the filled response, for every 4xx and 5xx answer.
type APIError struct {
	// Operation is the operationId of the call that failed.
	Operation string
	// StatusCode is the HTTP status code.
	StatusCode int
	// ContentType is the response's Content-Type header.
	ContentType string
	// Body is the response body, or its first bytes when it is longer than the
	// SDK keeps (WithMaxErrorBodyBytes, 1 MiB by default): Truncated says so.
	Body      []byte
	Truncated bool
	// Model is the decoded error model (such as *shared.BadRequestResponse), or nil
	// when the status documents none or the body did not decode.
	Model interface{}
	// RawResponse is the HTTP response.
	RawResponse *http.Response
}

// Error describes the failure with the start of the body.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s: API error: status %d", e.Operation, e.StatusCode)
	if e.ContentType != "" {
		msg += " (" + e.ContentType + ")"
	}
	if len(e.Body) > 0 {
		body := string(e.Body)
		if len(body) > 256 {
			body = strings.ToValidUTF8(body[:256], "") + "..."
		}
		msg += ": " + body
	}
	return msg
}
