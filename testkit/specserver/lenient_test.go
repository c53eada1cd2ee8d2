package specserver

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// sloppySpec is a 3.1 document with what real specs get wrong: invalid
// examples and defaults, unknown keywords, a property required twice, a
// boolean exclusiveMinimum, a $recursiveRef; and a path key with a fixed
// query beside the same path without it.
const sloppySpec = `openapi: 3.1.0
info: {title: sloppy, version: '1'}
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /things:
    post:
      operationId: plain
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
  /things?beta=true:
    post:
      operationId: beta
      responses:
        '200':
          description: ok
          headers:
            Transfer-Encoding: {schema: {type: string}}
          content:
            text/markdown:
              schema: {type: string}
  /things/{id}?beta=true:
    get:
      operationId: betaOne
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Filter'}
components:
  schemas:
    Thing:
      type: object
      required: [count, count, kind, data]
      properties:
        count: {type: integer, example: 2.75, exclusiveMinimum: true, minimum: 0}
        kind: {type: string, enum: [a, b], default: c}
        managers:
          type: array
          items: {properties: {id: {type: string}}}
          example: ['123']
        tags: {type: array, max_items: 3, items: {type: string}}
    Filter:
      $recursiveAnchor: true
      type: object
      required: [op, filters]
      properties:
        op: {type: string, enum: [and, or]}
        filters:
          type: array
          items:
            oneOf:
              - {type: object, required: [key], properties: {key: {type: string}}}
              - $recursiveRef: '#'
`

func TestLenientDocument(t *testing.T) {
	srv, err := New(writeSpec(t, sloppySpec))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	repairs := strings.Join(srv.Repairs(), "\n")
	for _, want := range []string{"unknown keyword max_items", "required lists count twice", "exclusiveMinimum: 0", "$recursiveRef is read as a reference"} {
		if !strings.Contains(repairs, want) {
			t.Errorf("repairs do not mention %q:\n%s", want, repairs)
		}
	}

	client := &http.Client{Transport: srv.Transport()}
	status, _, body := do(t, client, call{"POST", "https://api.example.com/v1/things", nil, ""})
	rec := onlyRecord(t, srv)
	if !rec.Valid || rec.OperationID != "plain" || rec.ResponseError != "" || status != 200 {
		t.Fatalf("plain: %v", rec)
	}
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	// The invalid example (2.75 for an integer) and default (c) are passed
	// over; the string items of an array of objects too; a required name
	// without a property gets a value.
	if got["count"] != 1.0 || got["kind"] != "a" {
		t.Errorf("invalid example or default used: %s", body)
	}
	if m, ok := got["managers"].([]any); !ok || len(m) != 1 || !isObject(m[0]) {
		t.Errorf("managers: want one object: %s", body)
	}
	if _, ok := got["data"]; !ok {
		t.Errorf("required data missing: %s", body)
	}
}

func isObject(v any) bool { _, ok := v.(map[string]any); return ok }

func TestFixedQueryRoutes(t *testing.T) {
	srv, err := New(writeSpec(t, sloppySpec))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client := &http.Client{Transport: srv.Transport()}
	status, ct, body := do(t, client, call{"POST", "https://api.example.com/v1/things?beta=true", nil, ""})
	recs := srv.Requests()
	if len(recs) != 1 || !recs[0].Valid || recs[0].OperationID != "beta" || recs[0].ResponseError != "" {
		t.Fatalf("beta: %v", recs)
	}
	// text/markdown is read as text; Transfer-Encoding is the server's own.
	if status != 200 || ct != "text/markdown" || string(body) != "string" {
		t.Errorf("beta answered %d %q %q", status, ct, body)
	}
	do(t, client, call{"GET", "https://api.example.com/v1/things/7?beta=true&x=1", nil, ""})
	do(t, client, call{"GET", "https://api.example.com/v1/things/seven?beta=true", nil, ""})
	do(t, client, call{"GET", "https://api.example.com/v1/things/7", nil, ""})
	recs = srv.Requests()
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	if r := recs[1]; !r.Valid || r.OperationID != "betaOne" || r.ResponseError != "" {
		t.Errorf("betaOne: %v", r)
	}
	if r := recs[2]; r.Valid || r.OperationID != "betaOne" {
		t.Errorf("path parameter of the wrong type accepted: %v", r)
	}
	if r := recs[3]; r.Valid || r.OperationID != "" {
		t.Errorf("the path without its fixed query matched: %v", r)
	}
	var got map[string]any
	_, _, body = do(t, client, call{"GET", "https://api.example.com/v1/things/7?beta=true", nil, ""})
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if f, ok := got["filters"].([]any); !ok || len(f) != 1 || !isObject(f[0]) {
		t.Errorf("recursive filter: %s", body)
	}
}

func TestFixedRouteOrder(t *testing.T) {
	srv, err := New(writeSpec(t, strings.Replace(sloppySpec, "paths:\n", `paths:
  /things/special?beta=true:
    get:
      operationId: special
      responses:
        '204': {description: none}
`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	do(t, &http.Client{Transport: srv.Transport()}, call{"GET", "https://api.example.com/v1/things/special?beta=true", nil, ""})
	if r := onlyRecord(t, srv); r.OperationID != "special" {
		t.Errorf("a literal segment must win over a parameter: %v", r)
	}
	var ids []string
	for _, f := range srv.fixed {
		ids = append(ids, f.route.Operation.OperationID)
	}
	if !slices.Equal(ids, []string{"special", "beta", "betaOne"}) {
		t.Errorf("fixed routes in order %v", ids)
	}
}
