package specserver

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

const eventsSpec = `openapi: 3.0.3
info: {title: Events, version: "1"}
servers: [{url: 'https://api.example.com'}]
paths:
  /chat:
    post:
      operationId: chat
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {stream: {type: boolean}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, required: [text], properties: {text: {type: string, example: "hi"}}}
            text/event-stream:
              schema: {type: object, required: [delta], properties: {delta: {type: string, example: "h"}}}
`

// TestEventStreamAnswer: an operation answering JSON or an event stream
// answers JSON unless the request asks for the stream first; the stream is
// one event of the example, and passes the answer's self-check.
func TestEventStreamAnswer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.yml")
	if err := os.WriteFile(path, []byte(eventsSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := New(path)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client := &http.Client{Transport: srv.Transport()}
	for _, c := range []struct{ accept, ct, body string }{
		{"application/json, text/event-stream", "application/json", `{"text":"hi"}`},
		{"text/event-stream", "text/event-stream", ": specserver\ndata: {\"delta\":\"h\"}\n\n"},
	} {
		status, ct, body := do(t, client, call{"POST", "https://api.example.com/chat", map[string]string{"Accept": c.accept, "Content-Type": "application/json"}, `{"stream": true}`})
		if status != 200 || ct != c.ct || string(body) != c.body {
			t.Errorf("Accept %s: %d %s %q; want %s %q", c.accept, status, ct, body, c.ct, c.body)
		}
	}
	for _, rec := range srv.Requests() {
		if !rec.Valid || rec.ResponseError != "" {
			t.Errorf("%s", rec)
		}
	}
}
