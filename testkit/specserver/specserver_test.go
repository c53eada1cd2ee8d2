package specserver

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	_ "github.com/oasgo/gen/internal/testflags" // accepts -update like every test package
)

const vaultSpec = "../../spec/vault.yml"

// The example of the 200 response of sessionsCreate in spec/vault.yml.
const sessionsExample = `{
  "status_code": 200,
  "status": "OK",
  "data": {
    "session_uri": "http://vault.apideck.com/session/eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjb25zdW1lcl9pZCI6InRlc3RfdXNlcl9pZCIsImFwcGxpY2F0aW9uX2lkIj",
    "session_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjb25zdW1lcl9pZCI6InRlc3RfdXNlcl9pZCIsImFwcGxpY2F0aW9uX2lkIj"
  }
}`

func newVault(t *testing.T) *Server {
	t.Helper()
	srv, err := New(vaultSpec)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

type call struct {
	method  string
	url     string
	headers map[string]string
	body    string
}

func validHeaders() map[string]string {
	return map[string]string{
		"x-apideck-consumer-id": "perferendis",
		"x-apideck-app-id":      "aspernatur",
		"Authorization":         "YOUR_API_KEY_HERE",
		"Content-Type":          "application/json",
	}
}

const validBody = `{"redirect_uri":"https://mysaas.com/dashboard","settings":{"allow_actions":["reauthorize","disable"],"unified_apis":["crm"],"session_length":"30m"},"consumer_metadata":{"account_name":"SpaceX"},"custom_consumer_settings":{"omnis":"necessitatibus"}}`

// do sends c through client and returns the status, Content-Type and body.
func do(t *testing.T, client *http.Client, c call) (int, string, []byte) {
	t.Helper()
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, c.url, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range c.headers {
		req.Header.Set(k, v)
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header.Get("Content-Type"), data
}

func onlyRecord(t *testing.T, srv *Server) Record {
	t.Helper()
	recs := srv.Requests()
	if len(recs) != 1 {
		t.Fatalf("got %d records, want 1: %v", len(recs), recs)
	}
	return recs[0]
}

func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("answer\n%s\nwant\n%s", got, want)
	}
}

func TestValidSessionsCreateThroughTransport(t *testing.T) {
	srv := newVault(t)
	client := &http.Client{Transport: srv.Transport()}
	status, ct, body := do(t, client, call{"POST", "https://unify.apideck.com/vault/sessions", validHeaders(), validBody})
	rec := onlyRecord(t, srv)
	if !rec.Valid || rec.Error != "" {
		t.Fatalf("valid request recorded invalid: %v", rec)
	}
	if rec.ResponseError != "" {
		t.Errorf("answer failed its self-check: %s", rec.ResponseError)
	}
	if rec.Method != "POST" || rec.Path != "/vault/sessions" || rec.OperationID != "sessionsCreate" || rec.Status != 200 {
		t.Errorf("record = %+v", rec)
	}
	if rec.Origin != "https://unify.apideck.com" {
		t.Errorf("Origin = %q, want https://unify.apideck.com", rec.Origin)
	}
	if status != 200 || ct != "application/json" {
		t.Errorf("answered %d %q, want 200 application/json", status, ct)
	}
	jsonEqual(t, body, sessionsExample)
}

func TestValidSessionsCreateDirect(t *testing.T) {
	srv := newVault(t)
	// No body at all: the request body is optional.
	h := validHeaders()
	delete(h, "Content-Type")
	status, _, body := do(t, http.DefaultClient, call{"POST", srv.URL() + "/vault/sessions", h, ""})
	rec := onlyRecord(t, srv)
	if !rec.Valid || status != 200 {
		t.Fatalf("request without body: %v (status %d)", rec, status)
	}
	if rec.Origin != "" {
		t.Errorf("Origin = %q for a direct request", rec.Origin)
	}
	jsonEqual(t, body, sessionsExample)
}

func TestInvalidRequests(t *testing.T) {
	without := func(name string) map[string]string {
		h := validHeaders()
		delete(h, name)
		return h
	}
	cases := []struct {
		name    string
		c       call
		wantErr []string // substrings of Record.Error
	}{
		{"missing consumer id", call{"POST", "https://unify.apideck.com/vault/sessions", without("x-apideck-consumer-id"), validBody},
			[]string{"x-apideck-consumer-id"}},
		{"missing app id", call{"POST", "https://unify.apideck.com/vault/sessions", without("x-apideck-app-id"), validBody},
			[]string{"x-apideck-app-id"}},
		{"missing Authorization", call{"POST", "https://unify.apideck.com/vault/sessions", without("Authorization"), validBody},
			[]string{"Authorization"}},
		{"unknown allow_actions value", call{"POST", "https://unify.apideck.com/vault/sessions", validHeaders(), `{"settings":{"allow_actions":["nope"]}}`},
			[]string{"allow_actions", "nope"}},
		{"unknown property", call{"POST", "https://unify.apideck.com/vault/sessions", validHeaders(), `{"redirect":"x"}`},
			[]string{"redirect"}},
		{"malformed JSON", call{"POST", "https://unify.apideck.com/vault/sessions", validHeaders(), `{"settings":`},
			[]string{"body"}},
		{"wrong method", call{"GET", "https://unify.apideck.com/vault/sessions", validHeaders(), ""},
			[]string{"no operation matches"}},
		{"unknown path", call{"POST", "https://unify.apideck.com/vault/session", validHeaders(), validBody},
			[]string{"no operation matches"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newVault(t)
			client := &http.Client{Transport: srv.Transport()}
			status, ct, body := do(t, client, tc.c)
			rec := onlyRecord(t, srv)
			if rec.Valid {
				t.Fatalf("invalid request recorded valid: %v", rec)
			}
			for _, want := range tc.wantErr {
				if !strings.Contains(rec.Error, want) {
					t.Errorf("Error %q does not mention %q", rec.Error, want)
				}
			}
			if status != 400 || ct != "application/json" || rec.Status != 400 {
				t.Errorf("answered %d %q (recorded %d), want 400 application/json", status, ct, rec.Status)
			}
			var desc struct {
				Message string `json:"message"`
				Detail  string `json:"detail"`
			}
			if err := json.Unmarshal(body, &desc); err != nil || desc.Detail != rec.Error ||
				!strings.Contains(desc.Message, tc.c.method+" "+rec.Path) {
				t.Errorf("400 body %s (decode error %v) does not describe %q", body, err, rec.Error)
			}
		})
	}
}

func TestRecordsAccumulate(t *testing.T) {
	srv := newVault(t)
	client := &http.Client{Transport: srv.Transport()}
	do(t, client, call{"POST", "https://unify.apideck.com/vault/sessions", validHeaders(), validBody})
	do(t, client, call{"POST", "https://unify.apideck.com/vault/sessions?x=1", validHeaders(), `{"settings":{"allow_actions":["nope"]}}`})
	recs := srv.Requests()
	if len(recs) != 2 || !recs[0].Valid || recs[1].Valid || recs[1].Query != "x=1" {
		t.Fatalf("records = %v", recs)
	}
	if s := recs[1].String(); !strings.Contains(s, "INVALID") || !strings.Contains(s, "POST /vault/sessions?x=1") {
		t.Errorf("String() = %q", s)
	}
}

// A document without examples: answers are synthesized from the schemas,
// through $ref, allOf, oneOf, arrays, enums, defaults and a recursive schema,
// under a server URL with a base path and a variable.
const synthSpec = `openapi: 3.0.3
info: {title: synth, version: "1"}
servers:
  - url: https://{region}.example.com/v2
    variables:
      region: {default: eu}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: verbose, in: query, schema: {type: boolean}}
      security:
        - bearer: []
      responses:
        '404': {description: nope}
        '201':
          description: created
          headers:
            X-Rate:
              required: true
              schema: {type: integer, minimum: 5}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
  /pattern:
    get:
      operationId: pattern
      responses:
        '302':
          description: moved
          content:
            application/json:
              schema: {type: string, not: {type: string}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Thing:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [kind, tags, node]
          properties:
            kind: {type: string, enum: [a, b]}
            tags: {type: array, items: {type: string, format: uuid}}
            node: {$ref: '#/components/schemas/Node'}
            shape:
              oneOf:
                - {type: object, required: [r], properties: {r: {type: number, minimum: 2}}}
                - {type: string}
            secret: {type: string, writeOnly: true}
    Base:
      type: object
      required: [id, active, size]
      properties:
        id: {type: integer, example: 42}
        active: {type: boolean, default: false}
        size: {type: string, minLength: 8}
        created: {type: string, format: date-time}
    Node:
      type: object
      required: [name]
      properties:
        name: {type: string}
        next: {$ref: '#/components/schemas/Node'}
`

func writeSpec(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spec.yml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSynthesizedAnswer(t *testing.T) {
	srv, err := New(writeSpec(t, synthSpec))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.HasSuffix(srv.URL(), "/v2") {
		t.Errorf("URL() = %q, want the base path /v2", srv.URL())
	}
	auth := map[string]string{"Authorization": "Bearer tok"}
	status, ct, body := do(t, &http.Client{Transport: srv.Transport()}, call{"GET", "https://eu.example.com/v2/things/7?verbose=true", auth, ""})
	rec := onlyRecord(t, srv)
	if !rec.Valid || rec.ResponseError != "" {
		t.Fatalf("record = %v", rec)
	}
	if status != 200 || ct != "application/json" {
		t.Errorf("answered %d %q, want the first 2xx (200) as application/json", status, ct)
	}
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	if got["id"] != 42.0 || got["active"] != false || got["kind"] != "a" {
		t.Errorf("example, default or enum not used: %s", body)
	}
	if size, _ := got["size"].(string); len(size) < 8 {
		t.Errorf("minLength not honoured: %s", body)
	}
	if _, ok := got["secret"]; ok {
		t.Errorf("writeOnly property in the answer: %s", body)
	}
	if shape, ok := got["shape"].(map[string]any); !ok || shape["r"] != 2.0 {
		t.Errorf("oneOf: first alternative not used: %s", body)
	}
	if tags, ok := got["tags"].([]any); !ok || len(tags) != 1 {
		t.Errorf("array of one item expected: %s", body)
	}
	depth := 0
	for n, ok := got["node"].(map[string]any); ok; n, ok = n["next"].(map[string]any) {
		depth++
	}
	if depth == 0 || depth > maxDepth {
		t.Errorf("recursive schema: depth %d: %s", depth, body)
	}

	// Direct call through URL() and the wrong scheme for the bearer token.
	do(t, http.DefaultClient, call{"GET", srv.URL() + "/things/7", map[string]string{"Authorization": "Basic x"}, ""})
	if recs := srv.Requests(); len(recs) != 2 || recs[1].Valid || !strings.Contains(recs[1].Error, "bearer") {
		t.Errorf("Basic credentials accepted for a bearer scheme: %v", recs)
	}
	// Path parameter of the wrong type.
	do(t, http.DefaultClient, call{"GET", srv.URL() + "/things/seven", auth, ""})
	if recs := srv.Requests(); len(recs) != 3 || recs[2].Valid {
		t.Errorf("string accepted for an integer path parameter: %v", recs)
	}
}

func TestSelfCheckFailure(t *testing.T) {
	srv, err := New(writeSpec(t, synthSpec))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	// Only a 302 is documented; no string satisfies its schema (a string that is not a string).
	status, _, _ := do(t, &http.Client{
		Transport:     srv.Transport(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}, call{"GET", "https://eu.example.com/v2/pattern", nil, ""})
	rec := onlyRecord(t, srv)
	if !rec.Valid || status != 302 {
		t.Fatalf("record = %v, status %d", rec, status)
	}
	if rec.ResponseError == "" {
		t.Errorf("an answer violating its schema passed the self-check: %v", rec)
	}
}

func TestNewRejectsBadDocuments(t *testing.T) {
	if _, err := New(filepath.Join(t.TempDir(), "missing.yml")); err == nil {
		t.Error("New accepted a missing file")
	}
	bad := strings.Replace(synthSpec, "operationId: pattern\n", "operationId: pattern\n      parameters:\n        - {name: q, in: nowhere, schema: {type: string}}\n", 1)
	if _, err := New(writeSpec(t, bad)); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("invalid document: New returned %v", err)
	}
	ext := strings.Replace(synthSpec, "next: {$ref: '#/components/schemas/Node'}", "next: {$ref: 'other.yml#/Node'}", 1)
	if _, err := New(writeSpec(t, ext)); err == nil || !strings.Contains(err.Error(), "external reference") {
		t.Errorf("external reference: New returned %v", err)
	}
}
