package specserver

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

func init() {
	openapi3filter.RegisterBodyDecoder("application/x-www-form-urlencoded", urlencodedDecoder)
}

// urlencodedDecoder reads an application/x-www-form-urlencoded body.
// openapi3filter refuses a property that is a list of objects (or of
// lists), which payment APIs send in deepObject form
// (items[0][price]=p&items[0][quantity]=2): a body whose schema has one is
// read here, its bracketed keys nested into objects and lists and each
// leaf parsed by its schema's type; any other body goes to
// openapi3filter's own decoder.
func urlencodedDecoder(body io.Reader, header http.Header, schema *openapi3.SchemaRef, encFn openapi3filter.EncodingFn) (any, error) {
	if !hasNestedList(schema) {
		return openapi3filter.UrlencodedBodyDecoder(body, header, schema, encFn)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	values, err := url.ParseQuery(string(data))
	if err != nil {
		return nil, err
	}
	root := map[string]any{}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path := splitKey(k)
		for _, v := range values[k] {
			put(root, path, v)
		}
	}
	return typed(root, schema), nil
}

var bracket = regexp.MustCompile(`\[([^\]]*)\]`)

// splitKey: "items[0][price]" -> ["items", "0", "price"].
func splitKey(k string) []string {
	name, rest, _ := strings.Cut(k, "[")
	path := []string{name}
	for _, m := range bracket.FindAllStringSubmatch("["+rest, -1) {
		path = append(path, m[1])
	}
	return path
}

// put sets value v at path in m: nested maps, list indexes as keys (typed
// turns them into lists); a repeated leaf becomes a list of its values.
func put(m map[string]any, path []string, v string) {
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	leaf := path[len(path)-1]
	switch old := m[leaf].(type) {
	case nil:
		m[leaf] = v
	case []any:
		m[leaf] = append(old, v)
	default:
		m[leaf] = []any{old, v}
	}
}

// typed shapes v by schema s: maps keyed by indexes become lists, leaves
// are parsed as the integers, numbers and booleans s declares.
func typed(v any, s *openapi3.SchemaRef) any {
	if s == nil || s.Value == nil {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		if s.Value.Type.Is("array") {
			idx := make([]int, 0, len(x))
			for k := range x {
				if i, err := strconv.Atoi(k); err == nil {
					idx = append(idx, i)
				}
			}
			sort.Ints(idx)
			list := make([]any, 0, len(idx))
			for _, i := range idx {
				list = append(list, typed(x[strconv.Itoa(i)], s.Value.Items))
			}
			return list
		}
		for k, e := range x {
			prop := s.Value.Properties[k]
			if prop == nil && s.Value.AdditionalProperties.Schema != nil {
				prop = s.Value.AdditionalProperties.Schema
			}
			x[k] = typed(e, prop)
		}
		return x
	case []any:
		items := s
		if s.Value.Type.Is("array") {
			items = s.Value.Items
		}
		for i, e := range x {
			x[i] = typed(e, items)
		}
		return x
	case string:
		switch {
		case s.Value.Type.Is("array"):
			return []any{typed(x, s.Value.Items)}
		case s.Value.Type.Is("integer"):
			if n, err := strconv.ParseInt(x, 10, 64); err == nil {
				return n
			}
		case s.Value.Type.Is("number"):
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				return f
			}
		case s.Value.Type.Is("boolean"):
			if b, err := strconv.ParseBool(x); err == nil {
				return b
			}
		}
	}
	return v
}

// hasNestedList: a property of the body is a list whose items are not
// scalars.
func hasNestedList(s *openapi3.SchemaRef) bool {
	if s == nil || s.Value == nil {
		return false
	}
	for _, p := range s.Value.Properties {
		if p == nil || p.Value == nil || !p.Value.Type.Is("array") || p.Value.Items == nil || p.Value.Items.Value == nil {
			continue
		}
		it := p.Value.Items.Value.Type
		if !(it.Is("string") || it.Is("integer") || it.Is("number") || it.Is("boolean")) {
			return true
		}
	}
	return false
}
