// Package specserver is a test double for an API described by an OpenAPI 3
// document: an httptest.Server that validates every request against the
// document, records the outcome, and answers with the documented example of
// the operation's success response (or one synthesized from its schema).
//
// Clients with a hard-coded server URL reach it through Transport, which
// redirects any request to the test server while keeping its path and query:
//
//	srv, err := specserver.New("spec/vault.yml")
//	...
//	defer srv.Close()
//	http.DefaultTransport = srv.Transport()
//	// ... exercise the client ...
//	for _, rec := range srv.Requests() {
//		if !rec.Valid { ... rec.Error ... }
//	}
package specserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/oasgo/gen/internal/model"
)

// OriginHeader carries, from Transport to the handler, the scheme and host the
// client originally addressed. The handler removes it before validating.
const OriginHeader = "X-Specserver-Origin"

// TagHeader carries a caller's label for a request (RedirectTransport sets
// it); the handler records it in Record.Tag and removes it before validating.
const TagHeader = "X-Specserver-Tag"

// maxDepth bounds the recursion of example synthesis (recursive schemas):
// deeper, objects get only their required properties and arrays no items;
// past hardDepth nothing is synthesized.
const (
	maxDepth  = 8
	hardDepth = 4 * maxDepth
)

// Record is the outcome of one request the server received.
type Record struct {
	// Method and Path of the request as received (Path without the query).
	Method string
	Path   string
	// RawPath is the path exactly as sent, percent-encoding kept.
	RawPath string
	// Query is the raw query string.
	Query string
	// Header holds the request's headers as received (Cookie included),
	// without the specserver's own OriginHeader and TagHeader.
	Header http.Header
	// Body is the request body as received.
	Body []byte
	// Tag is the label RedirectTransport attached, if any.
	Tag string
	// Origin is the scheme://host the client addressed when the request came
	// through Transport; empty for requests sent to URL directly.
	Origin string
	// OperationID of the matched operation; empty when no route matched.
	OperationID string
	// Valid reports whether the request matched the document; Error is the
	// validation error text otherwise.
	Valid bool
	Error string
	// Status is the HTTP status the server answered.
	Status int
	// ResponseError is non-empty when the answer the server sent does not
	// itself match the document (a self-check of the example it sent).
	ResponseError string
}

// String describes r on one line.
func (r Record) String() string {
	s := r.Method + " " + r.Path
	if r.Query != "" {
		s += "?" + r.Query
	}
	if r.OperationID != "" {
		s += " (" + r.OperationID + ")"
	}
	if r.Valid {
		s += fmt.Sprintf(": valid, answered %d", r.Status)
	} else {
		s += fmt.Sprintf(": INVALID, answered %d: %s", r.Status, r.Error)
	}
	if r.ResponseError != "" {
		s += "; RESPONSE SELF-CHECK FAILED: " + r.ResponseError
	}
	return s
}

// Server is a running test server for one OpenAPI document.
type Server struct {
	doc    *openapi3.T
	router routers.Router
	// fixed are the operations whose path key carries a fixed query
	// (/responses?beta=true), which the router cannot match.
	fixed []fixedRoute
	// base is the document's first server URL (variables set to their
	// defaults); nil when the document declares no server.
	base *url.URL
	ts   *httptest.Server
	// visit are the options of every schema check of a value (examples).
	visit   []openapi3.SchemaValidationOption
	repairs []string

	mu      sync.Mutex
	records []Record
}

// New loads and validates the OpenAPI document at specPath (external
// references are not followed) and starts a server for it. A sloppy
// document is read leniently (see lenient.go; Repairs lists the changes).
func New(specPath string) (*Server, error) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromFile(specPath)
	if err != nil {
		return nil, fmt.Errorf("specserver: loading %s: %w", specPath, err)
	}
	if doc.Components != nil {
		// components.pathItems (OpenAPI 3.1): kin-openapi v0.153.0 resolves
		// the $refs to them but refuses the section as an unknown field.
		delete(doc.Components.Extensions, "pathItems")
	}
	opts, repairs := readLeniently(doc)
	// The legacy router matches the document's servers (templated ones too)
	// and needs no dependency beyond kin-openapi. It validates the document.
	router, err := legacy.NewRouter(doc, opts...)
	if err != nil {
		return nil, fmt.Errorf("specserver: validating %s: %w", specPath, err)
	}
	s := &Server{doc: doc, router: router, repairs: repairs, fixed: fixedRoutes(doc)}
	s.visit = append(doc.GetSchemaValidationOptions(), openapi3.VisitAsResponse())
	if doc.IsOpenAPI31OrLater() {
		s.visit = append(s.visit, openapi3.EnableJSONSchema2020())
	}
	registerTextDecoders(doc)
	readableParts(doc)
	if len(doc.Servers) > 0 && doc.Servers[0] != nil {
		base, err := serverURL(doc.Servers[0])
		if err != nil {
			return nil, fmt.Errorf("specserver: %s: first server: %w", specPath, err)
		}
		s.base = base
	}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s, nil
}

// Repairs lists what New changed or tolerated to read a sloppy document.
func (s *Server) Repairs() []string { return append([]string(nil), s.repairs...) }

// serverURL renders server's URL with each variable set to its default.
func serverURL(server *openapi3.Server) (*url.URL, error) {
	raw := server.URL
	for name, v := range server.Variables {
		if v != nil {
			raw = strings.ReplaceAll(raw, "{"+name+"}", v.Default)
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	return u, nil
}

// URL is the base URL of the test server: its address followed by the path of
// the document's first server URL, so it can stand in for that URL.
func (s *Server) URL() string {
	u := s.ts.URL
	if s.base != nil {
		u += strings.TrimSuffix(s.base.Path, "/")
	}
	return u
}

// Close shuts the server down.
func (s *Server) Close() { s.ts.Close() }

// Requests returns the records of the requests received so far, in order.
func (s *Server) Requests() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Record(nil), s.records...)
}

func (s *Server) record(r Record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.records = append(s.records, r)
}

// Transport returns a RoundTripper that sends every request to the test server
// whatever its scheme and host, keeping path and query. It does not use
// http.DefaultTransport, so it can be installed as http.DefaultTransport.
func (s *Server) Transport() http.RoundTripper {
	return &redirectTransport{target: s.ts.URL, next: s.ts.Client().Transport}
}

// RedirectTransport is Transport for another process: it sends every request
// to the test server at target (a URL() of a Server), labelled with tag. It
// uses its own connection pool, so it can be installed as
// http.DefaultTransport.
func RedirectTransport(target, tag string) http.RoundTripper {
	base := http.DefaultTransport.(*http.Transport).Clone()
	return &redirectTransport{target: target, tag: tag, next: base}
}

type redirectTransport struct {
	target string
	tag    string
	next   http.RoundTripper
}

func (t *redirectTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	target, err := url.Parse(t.target)
	if err != nil {
		return nil, err
	}
	out := req.Clone(req.Context())
	origin := req.URL.Scheme + "://" + req.URL.Host
	out.URL.Scheme = target.Scheme
	out.URL.Host = target.Host
	out.Host = target.Host
	out.Header.Set(OriginHeader, origin)
	if t.tag != "" {
		out.Header.Set(TagHeader, t.tag)
	}
	return t.next.RoundTrip(out)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	rec := Record{Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), Query: r.URL.RawQuery, Origin: r.Header.Get(OriginHeader), Tag: r.Header.Get(TagHeader)}
	r.Header.Del(OriginHeader)
	r.Header.Del(TagHeader)
	rec.Header = r.Header.Clone()
	if raw, _, _ := strings.Cut(r.RequestURI, "?"); strings.HasPrefix(raw, "/") {
		rec.RawPath = raw // byte for byte what the client wrote
	}

	body, err := io.ReadAll(r.Body)
	if err != nil {
		rec.Error = "reading request body: " + err.Error()
		s.reject(w, r, &rec)
		return
	}
	rec.Body = body
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }

	// Address the request as if it had been sent to the real API.
	u := *r.URL
	if s.base != nil && s.base.Host != "" {
		u.Scheme, u.Host = s.base.Scheme, s.base.Host
		r.Host = s.base.Host
	} else {
		u.Scheme, u.Host = "http", r.Host
	}
	r.URL = &u

	route, pathParams, err := s.findRoute(r)
	if err != nil {
		rec.Error = "no operation matches: " + err.Error()
		s.reject(w, r, &rec)
		return
	}
	rec.OperationID = route.Operation.OperationID

	in := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: pathParams,
		Route:      route,
		Options: &openapi3filter.Options{
			AuthenticationFunc:  authenticate,
			SkipSettingDefaults: true,
		},
	}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		rec.Error = err.Error()
		s.reject(w, r, &rec)
		return
	}
	rec.Valid = true

	status, header, resBody, err := s.answer(route.Operation, r.Header.Get("Accept"))
	if err != nil {
		rec.ResponseError = "building the answer: " + err.Error()
	} else {
		rin := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: in,
			Status:                 status,
			Header:                 header,
			Options:                &openapi3filter.Options{IncludeResponseStatus: true},
		}
		rin.SetBodyBytes(resBody)
		if err := openapi3filter.ValidateResponse(r.Context(), rin); err != nil {
			rec.ResponseError = err.Error()
		}
	}
	rec.Status = status
	s.record(rec)
	for k, vs := range header {
		w.Header()[k] = vs
	}
	w.WriteHeader(status)
	_, _ = w.Write(resBody)
}

// reject records rec as invalid and answers 400 with a JSON description.
func (s *Server) reject(w http.ResponseWriter, r *http.Request, rec *Record) {
	rec.Valid = false
	rec.Status = http.StatusBadRequest
	s.record(*rec)
	body, _ := json.Marshal(map[string]any{
		"status_code": http.StatusBadRequest,
		"error":       http.StatusText(http.StatusBadRequest),
		"type_name":   "SpecValidationError",
		"message":     fmt.Sprintf("%s %s does not match the OpenAPI document", r.Method, rec.Path),
		"detail":      rec.Error,
	})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write(body)
}

// authenticate accepts an apiKey scheme when its header, query parameter or
// cookie is present and non-empty, and an http (or oauth2/openIdConnect)
// scheme when Authorization carries the right prefix and a credential.
func authenticate(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	req := in.RequestValidationInput.Request
	ss := in.SecurityScheme
	switch ss.Type {
	case "apiKey":
		var v string
		switch ss.In {
		case "header":
			v = req.Header.Get(ss.Name)
		case "query":
			v = req.URL.Query().Get(ss.Name)
		case "cookie":
			if c, err := req.Cookie(ss.Name); err == nil {
				v = c.Value
			}
		default:
			return in.NewError(fmt.Errorf("apiKey scheme %q: unsupported location %q", in.SecuritySchemeName, ss.In))
		}
		if v == "" {
			return in.NewError(fmt.Errorf("apiKey scheme %q: %s %q is missing or empty", in.SecuritySchemeName, ss.In, ss.Name))
		}
		return nil
	case "http", "oauth2", "openIdConnect":
		scheme := "bearer"
		if ss.Type == "http" {
			scheme = strings.ToLower(ss.Scheme)
		}
		auth := req.Header.Get("Authorization")
		prefix := scheme + " "
		if len(auth) <= len(prefix) || !strings.EqualFold(auth[:len(prefix)], prefix) || strings.TrimSpace(auth[len(prefix):]) == "" {
			return in.NewError(fmt.Errorf("%s scheme %q: Authorization header must be %q followed by a credential, got %q", ss.Type, in.SecuritySchemeName, prefix, auth))
		}
		return nil
	}
	return in.NewError(fmt.Errorf("security scheme %q: unsupported type %q", in.SecuritySchemeName, ss.Type))
}

// answer builds the success response of op: the status of its first
// documented 2xx response (3xx when there is none), the Content-Type of that
// response's first media type and its example (an event stream when the
// request asks for one: see events.go).
func (s *Server) answer(op *openapi3.Operation, accept string) (int, http.Header, []byte, error) {
	header := http.Header{}
	status, ref := successResponse(op)
	if ref == nil || ref.Value == nil {
		return status, header, nil, nil
	}
	res := ref.Value

	names := slices.Sorted(maps.Keys(res.Headers))
	for _, name := range names {
		h := res.Headers[name]
		if h == nil || h.Value == nil || strings.EqualFold(name, "Content-Type") || hopByHop[http.CanonicalHeaderKey(name)] {
			continue
		}
		sy := synth{s.visit}
		v := h.Value.Example
		if v == nil || !sy.fits(h.Value.Schema, v) {
			v = sy.value(h.Value.Schema, 0)
		}
		if v != nil {
			header.Set(name, scalarString(v))
		}
	}

	if len(res.Content) == 0 {
		return status, header, nil, nil
	}
	mediaTypes := slices.Sorted(maps.Keys(res.Content))
	// Prefer a JSON media type among several; else the first in order.
	ct := mediaTypes[0]
	for _, mt := range mediaTypes {
		if isJSON(mt) {
			ct = mt
			break
		}
	}
	if es := eventStreamAnswer(res.Content, ct, accept); es != "" {
		ct = es
	}
	mt := res.Content[ct]
	example := synth{s.visit}.media(mt)
	header.Set("Content-Type", ct)
	if example == nil {
		return status, header, nil, nil
	}
	if isEventStream(ct) {
		body, err := eventStreamBody(example)
		return status, header, body, err
	}
	if str, ok := example.(string); ok && !isJSON(ct) {
		return status, header, []byte(str), nil
	}
	body, err := json.Marshal(example)
	if err != nil {
		return status, header, nil, err
	}
	return status, header, body, nil
}

// hopByHop are the headers of the connection, not of the answer, which a
// document may list but the server's HTTP stack writes itself.
var hopByHop = map[string]bool{
	"Connection": true, "Content-Length": true, "Keep-Alive": true, "Te": true,
	"Trailer": true, "Transfer-Encoding": true, "Upgrade": true,
}

func isJSON(mediaType string) bool {
	mediaType = strings.ToLower(mediaType)
	return strings.Contains(mediaType, "json") || mediaType == "*/*"
}

// successResponse returns the first documented 2xx response of op (or 3xx
// when it documents no 2xx), with the status to answer; 200 and nil when op
// documents neither.
func successResponse(op *openapi3.Operation) (int, *openapi3.ResponseRef) {
	if op.Responses == nil {
		return http.StatusOK, nil
	}
	for _, class := range []byte{'2', '3'} {
		best, bestKey := 0, ""
		for _, key := range op.Responses.Keys() {
			if len(key) != 3 || key[0] != class {
				continue
			}
			code := 0
			if strings.EqualFold(key[1:], "XX") {
				code = int(class-'0') * 100
			} else if n, err := strconv.Atoi(key); err == nil {
				code = n
			} else {
				continue
			}
			if bestKey == "" || code < best {
				best, bestKey = code, key
			}
		}
		if bestKey != "" {
			return best, op.Responses.Value(bestKey)
		}
	}
	return http.StatusOK, nil
}

// synth makes the values the server answers with; visit are the options of
// its schema checks.
type synth struct {
	visit []openapi3.SchemaValidationOption
}

// media is mt's example, the first (by name) of its examples, or one
// synthesized from its schema; an example that does not fit the schema is
// passed over (a sloppy document's).
func (sy synth) media(mt *openapi3.MediaType) any {
	if mt == nil {
		return nil
	}
	if mt.Example != nil && sy.fits(mt.Schema, mt.Example) {
		return mt.Example
	}
	names := slices.Sorted(maps.Keys(mt.Examples))
	for _, name := range names {
		if ex := mt.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil && sy.fits(mt.Schema, ex.Value.Value) {
			return ex.Value.Value
		}
	}
	return sy.value(mt.Schema, 0)
}

// Example synthesizes a value for the schema: its example where present, else
// (per property) examples, defaults, first enum values or type-appropriate
// placeholders. Exported for tests and callers that need a body.
func Example(schema *openapi3.SchemaRef) any {
	return synth{[]openapi3.SchemaValidationOption{openapi3.VisitAsResponse()}}.value(schema, 0)
}

// value synthesizes a value for ref: its example, default or first enum
// value that fits it, else one built from its shape.
func (sy synth) value(ref *openapi3.SchemaRef, depth int) any {
	return sy.valueOf(ref, depth, false)
}

// valueOf is value; member: ref is a member of an allOf or an alternative,
// whose siblings or enclosing object may declare the properties it
// requires (filled there).
func (sy synth) valueOf(ref *openapi3.SchemaRef, depth int, member bool) any {
	if ref == nil || ref.Value == nil || depth > hardDepth {
		return nil
	}
	s := ref.Value
	if s.Example != nil && sy.fits(ref, s.Example) {
		return s.Example
	}
	if len(s.Examples) > 0 && s.Examples[0] != nil && sy.fits(ref, s.Examples[0]) {
		return s.Examples[0]
	}
	if s.Const != nil {
		return s.Const
	}
	if s.Default != nil && sy.fits(ref, s.Default) {
		return s.Default
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	v := sy.build(s, depth)
	if m, ok := v.(map[string]any); ok && !member {
		sy.fillRequired(s, m, depth)
	}
	return v
}

// fillRequired gives each name s requires (itself, through allOf, or its
// first alternative) that m lacks a value: of the property that declares it
// (an allOf member may declare what its sibling requires), else (a sloppy
// document) of additionalProperties, else an empty object.
func (sy synth) fillRequired(s *openapi3.Schema, m map[string]any, depth int) {
	for _, name := range requiredNames(s, 0) {
		if _, ok := m[name]; ok {
			continue
		}
		var v any = map[string]any{}
		if ps := propertySchema(&openapi3.SchemaRef{Value: s}, name, 0); ps != nil {
			if ps.Value != nil && ps.Value.WriteOnly {
				continue // never in an answer, required or not
			}
			v = sy.value(ps, depth+1)
		} else if ap := s.AdditionalProperties.Schema; ap != nil {
			v = sy.value(ap, depth+1)
		}
		m[name] = v
	}
}

// requiredNames are the names s requires, through allOf and its first
// alternative too, sorted.
func requiredNames(s *openapi3.Schema, depth int) []string {
	if s == nil || depth > maxDepth {
		return nil
	}
	names := append([]string(nil), s.Required...)
	subs := append([]*openapi3.SchemaRef(nil), s.AllOf...)
	if alts := firstNonEmpty(s.OneOf, s.AnyOf); len(alts) > 0 {
		subs = append(subs, alts[0])
	}
	for _, sub := range subs {
		if sub != nil {
			names = append(names, requiredNames(sub.Value, depth+1)...)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// build synthesizes a value from the shape of s (no example of its own).
func (sy synth) build(s *openapi3.Schema, depth int) any {
	if len(s.AllOf) > 0 {
		merged := map[string]any{}
		var other any
		for _, sub := range s.AllOf {
			switch v := sy.valueOf(sub, depth+1, true).(type) {
			case map[string]any:
				for k, x := range v {
					merged[k] = x
				}
			case nil:
			default:
				other = v
			}
		}
		if own, ok := sy.object(s, depth).(map[string]any); ok && hasObjectShape(s) {
			for k, x := range own {
				merged[k] = x
			}
		}
		if len(merged) == 0 && other != nil {
			return other
		}
		return merged
	}
	if alts := firstNonEmpty(s.OneOf, s.AnyOf); len(alts) > 0 {
		// A member too: the object around may declare what it requires.
		v := sy.valueOf(alts[0], depth+1, true)
		if d := s.Discriminator; d != nil {
			// The tag that selects the alternative, unless the alternative's
			// own property refuses it (a discriminator without mapping over
			// alternatives whose tag is an enum: that value stays).
			tag := discriminatorValue(d, alts[0])
			if m, ok := v.(map[string]any); ok && sy.fits(propertySchema(alts[0], d.PropertyName, 0), tag) {
				m[d.PropertyName] = tag
			}
		}
		if !hasObjectShape(s) {
			return v
		}
		// Properties beside the alternatives (an alternative may be only a
		// constraint such as {required: [id]}, which synthesizes nothing).
		own, _ := sy.object(s, depth).(map[string]any)
		if m, ok := v.(map[string]any); ok {
			for k, x := range m {
				own[k] = x
			}
		}
		return own
	}
	switch {
	case s.Type.Is("object") || (s.Type.IsEmpty() && hasObjectShape(s)):
		return sy.object(s, depth)
	case s.Type.Includes("array"):
		if depth >= maxDepth && s.MinItems == 0 {
			return []any{}
		}
		item := sy.value(s.Items, depth+1)
		if item == nil {
			return []any{}
		}
		n := int(s.MinItems)
		if n < 1 {
			n = 1
		}
		items := make([]any, n)
		for i := range items {
			items[i] = item
		}
		return items
	case s.Type.Includes("string"):
		return placeholderString(s)
	case s.Type.Includes("integer"):
		return int64(placeholderNumber(s, true))
	case s.Type.Includes("number"):
		return placeholderNumber(s, false)
	case s.Type.Includes("boolean"):
		return true
	case s.Type.Includes("object"):
		return sy.object(s, depth)
	}
	return nil
}

// propertySchema is the schema of property name of ref (in its allOf
// members and first alternative too, as synthesized); nil when it declares
// none.
func propertySchema(ref *openapi3.SchemaRef, name string, depth int) *openapi3.SchemaRef {
	if ref == nil || ref.Value == nil || depth > maxDepth {
		return nil
	}
	s := ref.Value
	if p, ok := s.Properties[name]; ok {
		return p
	}
	subs := s.AllOf
	if alts := firstNonEmpty(s.OneOf, s.AnyOf); len(alts) > 0 {
		subs = append(subs[:len(subs):len(subs)], alts[0])
	}
	for _, sub := range subs {
		if p := propertySchema(sub, name, depth+1); p != nil {
			return p
		}
	}
	return nil
}

func firstNonEmpty(lists ...openapi3.SchemaRefs) openapi3.SchemaRefs {
	for _, l := range lists {
		if len(l) > 0 {
			return l
		}
	}
	return nil
}

func hasObjectShape(s *openapi3.Schema) bool {
	return s.Type.Is("object") || len(s.Properties) > 0 || len(s.Required) > 0
}

// object fills every property (only the required ones once deep
// in recursion), skipping writeOnly properties since the value is an answer.
func (sy synth) object(s *openapi3.Schema, depth int) any {
	out := map[string]any{}
	required := map[string]bool{}
	for _, name := range s.Required {
		required[name] = true
	}
	// The first alternative of a oneOf/anyOf may only add required names
	// ({required: [id]}); the object must carry them to match.
	// A oneOf must match exactly one: what only the other alternatives
	// require is left out.
	others := map[string]bool{}
	if alts := firstNonEmpty(s.OneOf, s.AnyOf); len(alts) > 0 && alts[0] != nil && alts[0].Value != nil {
		for _, name := range alts[0].Value.Required {
			required[name] = true
		}
		if len(s.OneOf) > 1 {
			for _, alt := range s.OneOf[1:] {
				if alt != nil && alt.Value != nil {
					for _, name := range alt.Value.Required {
						others[name] = !required[name]
					}
				}
			}
		}
	}
	names := slices.Sorted(maps.Keys(s.Properties))
	for _, name := range names {
		prop := s.Properties[name]
		if prop == nil || prop.Value == nil || prop.Value.WriteOnly || others[name] {
			continue
		}
		if depth >= maxDepth/2 && !required[name] {
			continue
		}
		if v := sy.value(prop, depth+1); v != nil || required[name] {
			out[name] = v
		}
	}
	return out
}

// fits reports whether v, an example or a default, matches ref as the
// answer must: valid for kin-openapi (as a response) and of the shape gen
// reads (a schema with properties but no type holds an object).
func (sy synth) fits(ref *openapi3.SchemaRef, v any) bool {
	if ref == nil || ref.Value == nil {
		return true
	}
	return ref.Value.VisitJSON(v, sy.visit...) == nil && shapeFits(ref, v, 0)
}

// shapeFits checks what JSON Schema leaves open and gen does not: a schema
// without a type but with properties is an object (in arrays, maps and
// properties too).
func shapeFits(ref *openapi3.SchemaRef, v any, depth int) bool {
	if ref == nil || ref.Value == nil || v == nil || depth > 4*maxDepth {
		return true
	}
	s := ref.Value
	for _, sub := range s.AllOf {
		if !shapeFits(sub, v, depth+1) {
			return false
		}
	}
	if alts := firstNonEmpty(s.OneOf, s.AnyOf); len(alts) > 0 {
		ok := false
		for _, alt := range alts {
			ok = ok || shapeFits(alt, v, depth+1)
		}
		if !ok {
			return false
		}
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			sub, ok := s.Properties[k]
			if !ok {
				sub = s.AdditionalProperties.Schema
			}
			if !shapeFits(sub, e, depth+1) {
				return false
			}
		}
	case []any:
		for _, e := range x {
			if !shapeFits(s.Items, e, depth+1) {
				return false
			}
		}
	default:
		if s.Type.IsEmpty() && len(s.Properties) > 0 {
			return false
		}
	}
	return true
}

func placeholderString(s *openapi3.Schema) string {
	var v string
	switch s.Format {
	case "date-time":
		v = "2024-01-02T03:04:05Z"
	case "date":
		v = "2024-01-02"
	case "time":
		v = "03:04:05"
	case "uuid":
		v = "00000000-0000-4000-8000-000000000000"
	case "email":
		v = "user@example.com"
	case "uri", "url":
		v = "https://example.com/"
	case "hostname":
		v = "example.com"
	case "ipv4":
		v = "192.0.2.1"
	case "ipv6":
		v = "2001:db8::1"
	case "byte":
		v = "c3RyaW5n"
	default:
		v = "string"
	}
	if s.ContentEncoding == "base64" || s.ContentEncoding == "base64url" {
		v = "c3RyaW5n"
	}
	if s.Pattern != "" {
		if m, ok := model.PatternExample(s.Pattern); ok {
			v = m
		}
	}
	for uint64(len(v)) < s.MinLength {
		v += "x"
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	return v
}

func placeholderNumber(s *openapi3.Schema, integer bool) float64 {
	v := 1.0
	if s.Min != nil && v < *s.Min {
		v = *s.Min
		if s.ExclusiveMin.IsTrue() {
			v++
		}
	}
	if s.Max != nil && v > *s.Max {
		v = *s.Max
		if s.ExclusiveMax.IsTrue() {
			v--
		}
	}
	if b := s.ExclusiveMin.Value; b != nil && v <= *b {
		v = *b + 1
	}
	if b := s.ExclusiveMax.Value; b != nil && v >= *b {
		v = *b - 1
	}
	if integer {
		v = float64(int64(v))
	}
	return v
}

func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = scalarString(e)
		}
		return strings.Join(parts, ",")
	default:
		return fmt.Sprint(x)
	}
}

// discriminatorValue is the tag that selects alt: its mapping key, else the
// name of the schema it references.
func discriminatorValue(d *openapi3.Discriminator, alt *openapi3.SchemaRef) string {
	keys := slices.Sorted(maps.Keys(d.Mapping))
	for _, k := range keys {
		if d.Mapping[k].Ref == alt.Ref {
			return k
		}
	}
	return alt.Ref[strings.LastIndex(alt.Ref, "/")+1:]
}
