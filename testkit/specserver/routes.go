package specserver

import (
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// fixedRoute is an operation whose path key carries a fixed query
// (/responses?beta=true, as in openai.yaml): a request matches it when its
// path matches the path part and its query holds every fixed pair.
type fixedRoute struct {
	method string
	path   *regexp.Regexp // the path part; one group per parameter
	names  []string       // the parameters, in order
	query  url.Values
	vars   int // the number of parameters (fewer: more specific)
	route  *routers.Route
}

var pathParamRE = regexp.MustCompile(`\{[^{}/]+\}`)

// fixedRoutes lists the operations of doc whose path key has a query, the
// most specific first (fewer parameters, then longer paths).
func fixedRoutes(doc *openapi3.T) []fixedRoute {
	if doc.Paths == nil {
		return nil
	}
	var out []fixedRoute
	for key, item := range doc.Paths.Map() {
		pathPart, rawQuery, ok := strings.Cut(key, "?")
		if !ok || item == nil {
			continue
		}
		query, err := url.ParseQuery(rawQuery)
		if err != nil {
			continue
		}
		var names []string
		var re strings.Builder
		re.WriteString("^")
		last := 0
		for _, m := range pathParamRE.FindAllStringIndex(pathPart, -1) {
			re.WriteString(regexp.QuoteMeta(pathPart[last:m[0]]))
			re.WriteString("([^/]+)")
			names = append(names, strings.TrimSuffix(pathPart[m[0]+1:m[1]-1], "*"))
			last = m[1]
		}
		re.WriteString(regexp.QuoteMeta(pathPart[last:]) + "$")
		compiled := regexp.MustCompile(re.String())
		for method, op := range item.Operations() {
			out = append(out, fixedRoute{
				method: method, path: compiled, names: names, query: query, vars: len(names),
				route: &routers.Route{Spec: doc, Path: key, PathItem: item, Method: method, Operation: op},
			})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.vars != b.vars {
			return a.vars < b.vars
		}
		if a.path.String() != b.path.String() {
			return len(a.path.String()) > len(b.path.String()) || (len(a.path.String()) == len(b.path.String()) && a.path.String() < b.path.String())
		}
		return a.method < b.method
	})
	return out
}

// findRoute matches r to an operation: one with a fixed query first, else
// through the router.
func (s *Server) findRoute(r *http.Request) (*routers.Route, map[string]string, error) {
	if len(s.fixed) > 0 {
		if route, params := s.findFixed(r); route != nil {
			return route, params, nil
		}
	}
	return s.router.FindRoute(r)
}

func (s *Server) findFixed(r *http.Request) (*routers.Route, map[string]string) {
	remaining := r.URL.Path
	params := map[string]string{}
	if servers := s.doc.Servers; len(servers) > 0 {
		server, values, rest := servers.MatchURL(r.URL)
		if server == nil {
			return nil, nil
		}
		names, err := server.ParameterNames()
		if err != nil {
			return nil, nil
		}
		for i, v := range values {
			if i < len(names) {
				params[names[i]] = v
			}
		}
		remaining = rest
	}
	query := r.URL.Query()
	for _, f := range s.fixed {
		if f.method != r.Method || !hasAll(query, f.query) {
			continue
		}
		m := f.path.FindStringSubmatch(remaining)
		if m == nil {
			continue
		}
		for i, name := range f.names {
			params[name] = m[i+1]
		}
		return f.route, params
	}
	return nil, nil
}

// hasAll reports whether q holds every value of fixed.
func hasAll(q, fixed url.Values) bool {
	for k, vs := range fixed {
		for _, v := range vs {
			found := false
			for _, got := range q[k] {
				found = found || got == v
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// registerTextDecoders lets openapi3filter read every text/* media type of
// doc (text/markdown, text/event-stream) as plain text, as it reads
// text/plain. The registry is kin-openapi's, process-wide.
func registerTextDecoders(doc *openapi3.T) {
	seen := map[string]bool{}
	add := func(c openapi3.Content) {
		for mt := range c {
			mt = strings.ToLower(strings.TrimSpace(strings.Split(mt, ";")[0]))
			if seen[mt] || !strings.HasPrefix(mt, "text/") || strings.Contains(mt, "*") {
				continue
			}
			seen[mt] = true
			registerDecoder(mt)
		}
	}
	eachOperation(doc, func(op *openapi3.Operation) {
		if op.RequestBody != nil && op.RequestBody.Value != nil {
			add(op.RequestBody.Value.Content)
		}
		if op.Responses == nil {
			return
		}
		for _, code := range op.Responses.Keys() {
			if res := op.Responses.Value(code); res != nil && res.Value != nil {
				add(res.Value.Content)
			}
		}
	})
}

// registerDecoder lets openapi3filter read media type mt (lower case, no
// parameters) as plain text when it has no decoder for it.
func registerDecoder(mt string) {
	if openapi3filter.RegisteredBodyDecoder(mt) == nil {
		openapi3filter.RegisterBodyDecoder(mt, openapi3filter.PlainBodyDecoder)
	}
}

// eachOperation calls f on every operation of doc's paths.
func eachOperation(doc *openapi3.T, f func(*openapi3.Operation)) {
	if doc.Paths == nil {
		return
	}
	for _, item := range doc.Paths.Map() {
		if item == nil {
			continue
		}
		for _, op := range item.Operations() {
			f(op)
		}
	}
}
