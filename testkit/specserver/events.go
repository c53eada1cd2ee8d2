package specserver

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/oasgo/gen/internal/emit/runtime/sse"
)

// Server-sent events: an operation answering text/event-stream answers
// with one event whose data is the example (JSON, or the text of a string
// example), when the request asks for the stream (its Accept names
// text/event-stream first) or when the stream is the only media type. The
// answer's self-check reads it back as events and checks the first
// event's data against the media type's schema.

func init() {
	openapi3filter.RegisterBodyDecoder("text/event-stream", eventStreamDecoder)
}

func isEventStream(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "text/event-stream"
}

// eventStreamAnswer is the event-stream media type of content to answer
// with instead of chosen, when the request's Accept asks for it first; ""
// otherwise.
func eventStreamAnswer(content openapi3.Content, chosen, accept string) string {
	first, _, _ := strings.Cut(accept, ",")
	if isEventStream(chosen) || !isEventStream(strings.TrimSpace(first)) {
		return ""
	}
	for ct := range content {
		if isEventStream(ct) {
			return ct
		}
	}
	return ""
}

// eventStreamBody frames example as one event: a string as text, any
// other value as JSON, one data line per line.
func eventStreamBody(example any) ([]byte, error) {
	text, ok := example.(string)
	if !ok {
		data, err := json.Marshal(example)
		if err != nil {
			return nil, err
		}
		text = string(data)
	}
	var b strings.Builder
	b.WriteString(": specserver\n")
	for _, line := range strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text), "\n") {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	return []byte(b.String()), nil
}

// eventStreamDecoder reads an event-stream body for openapi3filter: the
// first event's data, JSON-decoded unless the schema is a string's (or
// absent); a body that is no well-formed stream is an error.
func eventStreamDecoder(body io.Reader, _ http.Header, schema *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	s := sse.NewText(context.Background(), io.NopCloser(body), 0)
	defer s.Close()
	var first *string
	for s.Next() {
		if first == nil {
			d := s.Current().Data
			first = &d
		}
	}
	if err := s.Err(); err != nil {
		return nil, &openapi3filter.ParseError{Kind: openapi3filter.KindInvalidFormat, Cause: err}
	}
	if first == nil {
		return nil, &openapi3filter.ParseError{Kind: openapi3filter.KindInvalidFormat, Cause: fmt.Errorf("an event stream without events")}
	}
	if schema == nil || schema.Value == nil || schema.Value.Type.Is("string") {
		return *first, nil
	}
	var v any
	if err := json.Unmarshal([]byte(*first), &v); err != nil {
		return nil, &openapi3filter.ParseError{Kind: openapi3filter.KindInvalidFormat, Cause: err}
	}
	return v, nil
}
